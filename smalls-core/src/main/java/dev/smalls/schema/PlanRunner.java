package dev.smalls.schema;

import java.sql.Connection;
import java.sql.Savepoint;
import java.util.ArrayList;
import java.util.List;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.core.NestedExceptionUtils;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.smalls.dialect.SchemaDdl;
import dev.smalls.dialect.SmallsDialect;
import dev.smalls.schema.Operation.Kind;
import dev.smalls.schema.SchemaProgress.Listener;

/**
 * Moves a schema from one state of a {@link SchemaPlan} to another, one operation at a time.
 * <p>
 * Where the migration's transaction holds every operation (PostgreSQL, SQLite), a failure is
 * left to that transaction's rollback. Where each operation commits at once (DDL on MariaDB,
 * MySQL, H2 and HSQLDB, or a connection in auto-commit mode), a failure is answered by running
 * the inverses of the operations already run, newest first, so that the schema is back where
 * the run started. To keep the state exact there, data steps and {@code sql(..)} statements are
 * committed as they complete too, just as the DDL around them is, and one that fails is
 * rolled back to a savepoint taken before it: at any moment the schema is in a known state,
 * or one operation away from it, and the progress listener is told which.
 */
final class PlanRunner {

	private static final Log logger = LogFactory.getLog(SchemaMigration.class);

	private final String migration;

	private final List<Operation> operations;

	private final List<Boolean> safe;

	private final JdbcTemplate jdbc;

	private final SmallsDialect dialect;

	private final SchemaDdl ddl;

	private final Listener progress;

	private final boolean autoCommit;

	private final boolean atOnce;

	private int reportedCertain = -1;

	private int reportedPossible = -1;

	/** While reversing after a failure: the failure, to which a failing listener is added. */
	private @Nullable Throwable reversing;

	PlanRunner(String migration, List<Operation> operations, List<Boolean> safe, JdbcTemplate jdbc,
			SmallsDialect dialect, Listener progress) {
		this.migration = migration;
		this.operations = operations;
		this.safe = safe;
		this.jdbc = jdbc;
		this.dialect = dialect;
		this.ddl = dialect.schemaDdl();
		this.progress = progress;
		this.autoCommit = Boolean.TRUE.equals(jdbc.execute((ConnectionCallback<Boolean>) Connection::getAutoCommit));
		this.atOnce = this.autoCommit || !dialect.supportsTransactionalDdl();
	}

	void run(int from, int to) {
		int state = from;
		while (state != to) {
			boolean apply = to > state;
			int number = apply ? state + 1 : state;
			try {
				move(number, apply);
				state = apply ? number : number - 1;
				report(state, state);
			}
			catch (RuntimeException | Error ex) {
				throw failure(number, apply, from, to, state, ex);
			}
		}
	}

	/** Apply or unapply one operation, committing it where operations commit at once. */
	private void move(int number, boolean apply) {
		Operation operation = this.operations.get(number - 1);
		Kind kind = operation.kind();
		int before = apply ? number - 1 : number;
		boolean commit = this.atOnce && !this.autoCommit && (kind == Kind.DATA || kind == Kind.SQL);
		if (kind != Kind.NONE) {
			// Rows a data step changes are not in effect until committed below; DDL and
			// statements of the author's may commit as they run.
			report((kind == Kind.DATA && !this.autoCommit) ? before : number - 1,
					(kind == Kind.DATA && !this.autoCommit) ? before : number);
		}
		if (logger.isDebugEnabled()) {
			logger.debug(this.migration + ": " + (apply ? "applying " : "undoing ") + number + ". "
					+ operation.description());
		}
		Savepoint savepoint = commit ? savepoint() : null;
		try {
			operation.perform(this.jdbc, this.safe.get(number - 1) ? this.ddl.safeRewrites() : this.ddl, apply);
		}
		catch (RuntimeException | Error ex) {
			if (savepoint != null) {
				rollbackTo(savepoint, ex);
			}
			throw ex;
		}
		if (commit) {
			report(number - 1, number);
			// The DDL around this step commits at once; so does the step, so that its inverse
			// is never needed for work a rollback would discard anyway, nor missing for work a
			// later DDL statement committed.
			this.jdbc.execute("COMMIT");
		}
	}

	private void report(int certain, int possible) {
		if (!this.atOnce || (certain == this.reportedCertain && possible == this.reportedPossible)) {
			return;
		}
		try {
			this.progress.progressed(certain, possible);
		}
		catch (RuntimeException ex) {
			if (this.reversing == null) {
				throw ex;
			}
			// A listener that cannot record must not stop smalls from putting the schema back.
			this.reversing.addSuppressed(ex);
		}
		this.reportedCertain = certain;
		this.reportedPossible = possible;
	}

	private @Nullable Savepoint savepoint() {
		return this.jdbc.execute((ConnectionCallback<Savepoint>) Connection::setSavepoint);
	}

	private void rollbackTo(Savepoint savepoint, Throwable failure) {
		try {
			this.jdbc.execute((ConnectionCallback<Void>) (connection) -> {
				connection.rollback(savepoint);
				return null;
			});
		}
		catch (RuntimeException ex) {
			// A statement of the author's that was DDL committed, and the savepoint went with it.
			failure.addSuppressed(ex);
		}
	}

	/** Reverse what the run did, where that is on smalls, and say what happened. */
	private SchemaOperationException failure(int number, boolean apply, int from, int to, int state,
			Throwable cause) {
		String failed = (apply ? "Operation " : "Undoing operation ") + number + " of " + this.migration + " ("
				+ describe(number) + ") failed on " + this.dialect.databaseName() + ": " + causeOf(cause) + ".";
		String command = (from == 0 && to == this.operations.size()) ? "migrate"
				: (to == 0 && from == this.operations.size()) ? "rollback" : "repair";
		String fix = "fix " + (apply ? "" : "the inverse of ") + "operation " + number + " of " + this.migration
				+ " and run " + command + " again.";
		if (!this.atOnce) {
			return new SchemaOperationException(failed + " " + this.dialect.databaseName() + " rolls the migration's "
					+ "DDL back with its transaction: nothing of this run is left.", capitalized(fix), cause, number,
					describe(number), List.of(), from, true);
		}
		this.reversing = cause;
		report(state, state);
		List<String> reversed = new ArrayList<>();
		int current = state;
		while (current != from) {
			boolean reapply = from > current;
			int next = reapply ? current + 1 : current;
			try {
				move(next, reapply);
			}
			catch (RuntimeException | Error ex) {
				cause.addSuppressed(ex);
				String stuck = failed + " " + commitsAtOnce() + " so smalls began reversing this run"
						+ (reversed.isEmpty() ? "" : " (" + String.join(", ", reversed) + ")") + ", but "
						+ (reapply ? "applying" : "undoing") + " operation " + next + " (" + describe(next)
						+ ") failed too: " + causeOf(ex) + ". Operations 1 to " + current + " are in effect.";
				String action = "Bring the schema back to " + ((from == 0) ? "where it was before " + this.migration
						: "state " + from + " of " + this.migration) + " by hand (operations 1 to " + current
						+ " are in effect), then " + fix;
				return new SchemaOperationException(stuck, action, cause, number, describe(number), reversed, current,
						false);
			}
			current = reapply ? next : next - 1;
			reversed.add(next + ". " + describe(next));
			report(current, current);
		}
		String restored = (reversed.isEmpty() ? " Nothing had been changed before it. "
				: " " + commitsAtOnce() + " so smalls reversed this run, newest first: " + String.join(", ", reversed)
						+ ". ")
				+ ((from == 0) ? "The schema is as it was before " + this.migration + "."
						: "The schema is as it was before this run: operations 1 to " + from + " are in effect.");
		return new SchemaOperationException(failed + restored, capitalized(fix), cause, number, describe(number),
				reversed, from, true);
	}

	private String commitsAtOnce() {
		return this.autoCommit ? "Each statement commits at once in auto-commit mode,"
				: this.dialect.databaseName() + " commits DDL at once,";
	}

	private static String capitalized(String sentence) {
		return Character.toUpperCase(sentence.charAt(0)) + sentence.substring(1);
	}

	private String describe(int number) {
		return this.operations.get(number - 1).description();
	}

	/** The database's own words, rather than Spring's wrapping of them. */
	static String causeOf(Throwable ex) {
		Throwable cause = NestedExceptionUtils.getMostSpecificCause(ex);
		String message = cause.getMessage();
		return (message != null && !message.isBlank()) ? message.strip() : cause.getClass().getName();
	}

}
