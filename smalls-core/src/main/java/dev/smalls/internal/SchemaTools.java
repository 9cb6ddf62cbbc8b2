package dev.smalls.internal;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.util.ClassUtils;

import dev.smalls.MigrationInfo;
import dev.smalls.MigrationNames;
import dev.smalls.MigrationState;
import dev.smalls.MigrationStatus;
import dev.smalls.RepairResult;
import dev.smalls.SmallsException;
import dev.smalls.SmallsMigration;
import dev.smalls.SmallsMigrationException.Operation;
import dev.smalls.SmallsValidationException;
import dev.smalls.SmallsValidationException.Problem;
import dev.smalls.SqlFileMigration;
import dev.smalls.SqlPreview;
import dev.smalls.internal.InterruptedRuns.Interrupted;
import dev.smalls.schema.SchemaMigration;
import dev.smalls.schema.SchemaPlan;

/**
 * Repair of an interrupted schema migration, and the preview of a migration's SQL.
 * Internal: not for use outside smalls.
 */
final class SchemaTools {

	private final RunSession session;

	private final MigrationCatalog catalog;

	SchemaTools(RunSession session, MigrationCatalog catalog) {
		this.session = session;
		this.catalog = catalog;
	}

	/**
	 * Undo exactly the operations an interrupted schema migrate left in effect (or redo what
	 * an interrupted rollback undid), then forget the interruption; for a migration of code,
	 * whose work a person has checked and undone, only forget it. Called under the lock, held
	 * throughout.
	 * @param sequence the migration
	 * @return what was done
	 */
	RepairResult repair(int sequence) {
		SchemaRuns runs = new SchemaRuns(this.session);
		Interrupted mark = runs.interrupted()
			.stream()
			.filter((candidate) -> candidate.sequence() == sequence)
			.findFirst()
			.orElseThrow(() -> new SmallsValidationException(Problem.INVALID_ARGUMENT, List.of(sequence),
					MigrationNames.display(sequence) + " is not an interrupted migration: there is nothing to repair. "
							+ "Nothing was run.",
					"Run status: an interrupted migration shows as INTERRUPTED."));
		String shown = MigrationNames.display(sequence, mark.name());
		boolean wasMigrating = mark.operation() == Operation.MIGRATE;
		if (mark.isCode()) {
			forget(runs, sequence, shown);
			return new RepairResult(sequence, mark.name(), List.of(), !wasMigrating, true);
		}
		if (!(this.catalog.get(sequence) instanceof SchemaMigration migration)) {
			throw new SmallsValidationException(Problem.INTERRUPTED, List.of(sequence),
					"The code has no schema migration " + MigrationNames.display(sequence) + ", which " + shown
							+ " needs to undo what it left. Nothing was run.",
					"Restore the migration class that ran, repair, and only then remove or change it.");
		}
		SchemaPlan plan = this.session.plan(migration);
		if (!plan.fingerprint().equals(mark.fingerprint())) {
			throw new SmallsValidationException(Problem.INTERRUPTED, List.of(sequence),
					shown + " has changed since it was interrupted: its operations are not those that ran, so "
							+ "smalls cannot tell what to undo. Nothing was run.",
					"Restore the version of " + shown + " that ran, repair, then make the change in a new migration.");
		}
		int low = Math.min(mark.certain(), mark.possible());
		int high = Math.max(mark.certain(), mark.possible());
		this.session.autoCommit(true);
		List<String> done = new ArrayList<>(
				plan.removeLeftovers(this.session.transactions().jdbc(), this.session.dialect(), low, high,
						wasMigrating));
		int state;
		try {
			state = plan.stateOf(low, high, runs.snapshot(), this.session.dialect());
		}
		catch (SmallsException ex) {
			// A data step or raw SQL in doubt: only a person can tell. Say how to finish by hand.
			throw new SmallsException(ex.getMessage() + " Nothing was run.", ex.getAction() + " Then, by hand, bring the database back to where the interrupted " + (wasMigrating
							? "migrate started (none of the operations of " + shown + " in effect)"
							: "rollback started (every operation of " + shown + " in effect)")
					+ " and delete its mark: DELETE FROM " + runs.marks().table() + " WHERE sequence_no = " + sequence
					+ ". The sql command shows the statements of each operation and of its inverse.");
		}
		int target = wasMigrating ? 0 : plan.size();
		List<String> operations = plan.operations();
		for (int s = state; s != target; s += wasMigrating ? -1 : 1) {
			int number = wasMigrating ? s : s + 1;
			done.add(number + ". " + operations.get(number - 1));
		}
		this.session.autoCommit(true);
		JdbcTemplate jdbc = this.session.transactions().jdbc();
		InterruptedRuns marks = runs.marks();
		plan.run(jdbc, this.session.dialect(), state, target, (certain, possible) -> {
			try {
				// A repair that is itself interrupted leaves a mark that a second repair reads.
				marks.progress(this.session.connection(), sequence, certain, possible);
			}
			catch (java.sql.SQLException ex) {
				throw new IllegalStateException(ex);
			}
		});
		forget(runs, sequence, shown);
		return new RepairResult(sequence, mark.name(), done, !wasMigrating);
	}

	private void forget(SchemaRuns runs, int sequence, String shown) {
		try {
			this.session.autoCommit(true);
			runs.marks().end(this.session.connection(), sequence);
		}
		catch (java.sql.SQLException ex) {
			throw RunSession.failure("forget the interruption of " + shown, ex);
		}
	}

	/**
	 * The SQL of a migration or its rollback on this database.
	 * @param sequence the migration
	 * @param rollback whether its rollback
	 * @return the preview
	 */
	SqlPreview preview(int sequence, boolean rollback) {
		int index = this.catalog.indexOf(sequence);
		if (index < 0) {
			throw new SmallsValidationException(Problem.INVALID_ARGUMENT, List.of(sequence),
					"The code has no migration " + MigrationNames.display(sequence) + ".",
					"Run status to see the migrations and their sequences.");
		}
		SmallsMigration migration = this.catalog.migrationAt(index);
		String name = this.catalog.nameAt(index);
		String shown = MigrationNames.display(sequence, name);
		if (migration instanceof SqlFileMigration file) {
			return previewOf(file, name, rollback);
		}
		if (!(migration instanceof SchemaMigration schema) || (rollback && rollsBackByHand(schema))) {
			return new SqlPreview(sequence, name, rollback, false,
					List.of("-- " + shown + ((rollback) ? "'s rollback" : "") + " is Java code, not schema operations: "
							+ "smalls cannot show its SQL without running it."));
		}
		SchemaPlan plan = this.session.plan(schema);
		if (rollback && plan.irreversibleReason() != null) {
			return new SqlPreview(sequence, name, true, false,
					List.of("-- " + shown + " cannot be rolled back: " + plan.irreversibleReason()));
		}
		List<String> lines = rollback ? plan.statements(this.session.dialect(), plan.size(), 0)
				: plan.statements(this.session.dialect(), 0, plan.size());
		return new SqlPreview(sequence, name, rollback, true, lines);
	}

	/** A SQL file's statements, as they run: the file is the SQL. */
	private static SqlPreview previewOf(SqlFileMigration file, String name, boolean rollback) {
		List<String> statements = rollback ? file.rollbackStatements() : file.statements();
		if (statements == null) {
			return new SqlPreview(file.sequence(), name, true, false, List.of("-- "
					+ MigrationNames.display(file.sequence(), name) + " cannot be rolled back: " + file.irreversibleReason()));
		}
		List<String> lines = new ArrayList<>(statements.size() + 1);
		lines.add("-- " + (rollback ? file.rollbackLocation() : file.location()));
		statements.forEach((statement) -> lines.add(statement + ";"));
		return new SqlPreview(file.sequence(), name, rollback, true, lines);
	}

	private static boolean rollsBackByHand(SchemaMigration migration) {
		try {
			Method rollback = ClassUtils.getUserClass(migration).getMethod("rollback", JdbcTemplate.class);
			return rollback.getDeclaringClass() != SchemaMigration.class;
		}
		catch (NoSuchMethodException ex) {
			return false;
		}
	}

	/**
	 * A status in which interrupted schema migrations show as such.
	 * @param status the status from the code and the history
	 * @param interrupted the marks
	 * @param notes what the database left behind, to note after the status's own notes
	 * @return the status, each interrupted migration {@link MigrationState#INTERRUPTED}
	 */
	static MigrationStatus withInterrupted(MigrationStatus status, List<Interrupted> interrupted, List<String> notes) {
		List<String> all = new ArrayList<>(status.notes());
		all.addAll(notes);
		if (interrupted.isEmpty()) {
			return notes.isEmpty() ? status : new MigrationStatus(status.current(), status.migrations(), all);
		}
		List<MigrationInfo> migrations = new ArrayList<>(status.migrations());
		for (Interrupted mark : interrupted) {
			boolean found = false;
			for (int i = 0; i < migrations.size(); i++) {
				MigrationInfo info = migrations.get(i);
				if (info.sequence() == mark.sequence()) {
					migrations.set(i, new MigrationInfo(info.sequence(), info.name(), MigrationState.INTERRUPTED,
							info.batch(), info.appliedAt(), info.executionMillis(), info.appliedBy()));
					found = true;
				}
			}
			if (!found) {
				migrations.add(new MigrationInfo(mark.sequence(), mark.name(), MigrationState.INTERRUPTED, null, null,
						null, null));
			}
		}
		migrations.sort(java.util.Comparator.comparingInt(MigrationInfo::sequence));
		return new MigrationStatus(status.current(), migrations, all);
	}

}
