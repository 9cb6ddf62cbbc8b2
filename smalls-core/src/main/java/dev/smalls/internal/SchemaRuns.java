package dev.smalls.internal;

import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import dev.smalls.MigrationNames;
import dev.smalls.SmallsMigration;
import dev.smalls.SmallsMigrationException.Operation;
import dev.smalls.SmallsValidationException;
import dev.smalls.SmallsValidationException.Problem;
import dev.smalls.internal.InterruptedRuns.Interrupted;
import dev.smalls.schema.SchemaMigration;
import dev.smalls.schema.SchemaOperationException;
import dev.smalls.schema.SchemaPlan;
import dev.smalls.schema.SchemaProgress;
import dev.smalls.schema.SchemaSnapshot;

/**
 * What the engine does around steps that may be left in effect in part: refuses to go on
 * past an interrupted migration, and describes what of it may be in effect; and marks each
 * schema migration on a database that commits DDL at once (or that is not transactional)
 * before it starts, recording the progress of its operations, so that repair can undo
 * exactly those. Internal: not for use outside smalls.
 */
final class SchemaRuns {

	private final RunSession session;

	private final InterruptedRuns marks;

	SchemaRuns(RunSession session) {
		this.session = session;
		this.marks = session.marks();
	}

	/** The migrations interrupted part-way, by sequence. */
	List<Interrupted> interrupted() {
		try {
			return this.marks.read(this.session.connection());
		}
		catch (SQLException ex) {
			throw RunSession.failure("read " + this.marks.table(), ex);
		}
	}

	/**
	 * Refuse to migrate or roll back while a schema migration is interrupted: its operations
	 * that took effect would break the next run, or be forgotten by it.
	 * @param catalog the migrations in the code
	 * @throws SmallsValidationException if any is interrupted
	 */
	void refuseIfInterrupted(MigrationCatalog catalog) {
		refuseIfInterrupted(catalog, interrupted());
	}

	/**
	 * Refuse to migrate or roll back while a migration is interrupted.
	 * @param catalog the migrations in the code
	 * @param interrupted the marks, as read
	 * @throws SmallsValidationException if any is interrupted
	 */
	static void refuseIfInterrupted(MigrationCatalog catalog, List<Interrupted> interrupted) {
		if (interrupted.isEmpty()) {
			return;
		}
		String described = interrupted.stream()
			.map((mark) -> describe(mark, catalog))
			.collect(Collectors.joining(" "));
		Interrupted first = interrupted.get(0);
		throw new SmallsValidationException(Problem.INTERRUPTED,
				interrupted.stream().map(Interrupted::sequence).toList(), described + " Nothing was run.",
				first.isCode()
						? "Check the database for what " + MigrationNames.display(first.sequence(), first.name())
								+ " did and undo it by hand, then repair it (SmallsMigrator.repair(" + first.sequence()
								+ ")): for a migration of code that only forgets the interruption, and then migrate "
								+ "runs it again."
						: "Repair it first (SmallsMigrator.repair(" + first.sequence() + ")): that undoes exactly the "
								+ "operations that took effect, and then migrate runs normally.");
	}

	private static String describe(Interrupted mark, MigrationCatalog catalog) {
		String shown = MigrationNames.display(mark.sequence(), mark.name());
		String doing = (mark.operation() == Operation.MIGRATE) ? "being applied" : "being rolled back";
		if (mark.isCode()) {
			return shown + " was interrupted while " + doing + " (started " + mark.startedAt() + ") after part of "
					+ "it was committed (DDL that commits at once, a COMMIT of its own, or a statement of a migration "
					+ "that is not transactional): smalls cannot tell which of its work is in the database.";
		}
		SmallsMigration migration = catalog.get(mark.sequence());
		if (!(migration instanceof SchemaMigration schema)) {
			return shown + " was interrupted while " + doing + " on " + mark.startedAt()
					+ ", and the code has no schema migration with that sequence any more.";
		}
		SchemaPlan plan = SchemaPlan.of(schema);
		List<String> operations = plan.operations();
		StringBuilder text = new StringBuilder(shown + " was interrupted while " + doing + " (started "
				+ mark.startedAt() + "). ");
		int certain = Math.min(mark.certain(), mark.possible());
		int possible = Math.max(mark.certain(), mark.possible());
		text.append((certain == 0) ? "None of its operations is in effect for sure"
				: "In effect: " + numbered(operations, 1, certain));
		if (possible > certain) {
			text.append("; maybe in effect: " + numbered(operations, certain + 1, possible));
		}
		return text.append('.').toString();
	}

	private static String numbered(List<String> operations, int from, int to) {
		List<String> shown = new ArrayList<>();
		for (int i = from; i <= to && i <= operations.size(); i++) {
			shown.add(i + ". " + operations.get(i - 1));
		}
		return String.join(", ", shown);
	}

	/**
	 * Whether a migration is marked before it runs, with the progress of its operations: a
	 * schema migration on a database that commits DDL at once, or one that is not
	 * transactional.
	 * @param migration the migration
	 * @return {@code true} if {@link #begin} marks it
	 */
	boolean marksBefore(Operation operation, SmallsMigration migration) {
		return migration instanceof SchemaMigration schema && !SchemaPlan.isWrittenByHand(schema, operation)
				&& !(this.session.dialect().supportsTransactionalDdl() && this.session.transactional(migration));
	}

	/**
	 * Start a schema migration's step: mark it where a killed process could leave it half
	 * done, and tell the mark its progress.
	 * @param operation migrate or rollback
	 * @param migration the migration
	 * @param name its name
	 * @return the step's mark, or {@code null} where no mark is needed
	 */
	@Nullable Mark begin(Operation operation, SmallsMigration migration, String name) {
		if (!marksBefore(operation, migration)) {
			return null;
		}
		SchemaMigration schema = (SchemaMigration) migration;
		SchemaPlan plan = this.session.plan(schema);
		int start = (operation == Operation.MIGRATE) ? 0 : plan.size();
		int sequence = migration.sequence();
		this.session.autoCommit(true);
		try {
			this.marks.begin(this.session.connection(),
					new Interrupted(sequence, name, operation, start, start, plan.fingerprint(), Instant.now()));
		}
		catch (SQLException ex) {
			throw RunSession.failure("mark " + MigrationNames.display(sequence, name) + " as started in "
					+ this.marks.table(), ex);
		}
		return new Mark(sequence, name);
	}

	/**
	 * A schema migration's step in progress.
	 */
	final class Mark {

		private final int sequence;

		private final String name;

		private boolean listening = true;

		private Mark(int sequence, String name) {
			this.sequence = sequence;
			this.name = name;
		}

		/**
		 * What the migration's operations tell as they run: recorded in the mark, committed.
		 * @return the listener
		 */
		SchemaProgress.Listener progress() {
			return (certain, possible) -> {
				if (!this.listening) {
					return;
				}
				try {
					SchemaRuns.this.marks.progress(SchemaRuns.this.session.connection(), this.sequence, certain,
							possible);
				}
				catch (SQLException ex) {
					throw new IllegalStateException("smalls could not record the progress of "
							+ MigrationNames.display(this.sequence, this.name) + ": " + Failures.causeOf(ex), ex);
				}
			};
		}

		/** Stop listening: the migration's operations have returned or thrown. */
		void stop() {
			this.listening = false;
		}

		/**
		 * The step failed and its transaction is rolled back: if the schema is as it was, the
		 * mark goes; if not, it stays, at the state the failure reports, for repair.
		 * @param failure what the step threw
		 */
		void failed(Throwable failure) {
			SchemaOperationException schema = Failures.find(failure, SchemaOperationException.class);
			try {
				SchemaRuns.this.session.autoCommit(true);
				if (schema == null || schema.isRestored()) {
					SchemaRuns.this.marks.end(SchemaRuns.this.session.connection(), this.sequence);
				}
				else {
					SchemaRuns.this.marks.progress(SchemaRuns.this.session.connection(), this.sequence,
							schema.getState(), schema.getState());
				}
			}
			catch (SQLException | RuntimeException ex) {
				failure.addSuppressed(ex);
			}
		}

	}

	/**
	 * The schema as it is, for repair.
	 * @return the snapshot
	 */
	SchemaSnapshot snapshot() {
		try {
			return SchemaSnapshot.read(this.session.connection());
		}
		catch (SQLException ex) {
			throw RunSession.failure("read the schema", ex);
		}
	}

	InterruptedRuns marks() {
		return this.marks;
	}

}
