package dev.smalls.internal;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.TransactionStatus;

import dev.smalls.MigrationNames;
import dev.smalls.PlannedMigration;
import dev.smalls.PlannedMigration.Outcome;
import dev.smalls.SmallsException;
import dev.smalls.SmallsMigration;
import dev.smalls.SmallsMigrationException.Operation;
import dev.smalls.SqlFileMigration;
import dev.smalls.dialect.SmallsDialect;
import dev.smalls.schema.SchemaMigration;
import dev.smalls.schema.SchemaPlan;

/**
 * Runs migrations for a plan, in one transaction on a run's connection, recording what the
 * pending ones send: on the migrated database the transaction is rolled back at the end; on
 * a scratch schema the migrations the database has applied are replayed first, unrecorded.
 * Statements are recorded on the connection smalls binds, below {@code JdbcTemplate}. A
 * migration that is not transactional does not run (a schema migration's statements are
 * shown from its operations); after a failure nothing more runs. Internal: not for use
 * outside smalls.
 */
final class PlanRun {

	private final RunSession session;

	private final MigrationCatalog catalog;

	PlanRun(RunSession session, MigrationCatalog catalog) {
		this.session = session;
		this.catalog = catalog;
	}

	/**
	 * Run the migrations.
	 * @param replay positions in the catalog of migrations to run first, unrecorded (on a
	 * scratch schema, what the database has applied)
	 * @param pending positions of the pending migrations, in order
	 * @return each pending migration's statements, or why it did not run
	 */
	List<PlannedMigration> run(int[] replay, int[] pending) {
		SmallsDialect dialect = this.session.dialect();
		StepTransactions transactions = this.session.transactions();
		this.session.autoCommit(false);
		TransactionStatus transaction = transactions.begin();
		List<PlannedMigration> planned = new ArrayList<>();
		try {
			String schema = this.session.schema();
			if (schema != null && dialect.setsSchemaPerTransaction()) {
				// Set inside the transaction, and undone with it.
				dialect.useSchema(this.session.connection(), schema);
			}
			for (int index : replay) {
				replay(transactions, index);
			}
			boolean stopped = false;
			for (int index : pending) {
				SmallsMigration migration = this.catalog.migrationAt(index);
				String name = this.catalog.nameAt(index);
				if (stopped) {
					planned.add(new PlannedMigration(migration.sequence(), name, Outcome.NOT_RUN, List.of(),
							"Not run: a migration before it failed."));
				}
				else if (!this.session.transactional(migration)) {
					planned.add(notTransactional(migration, name, dialect));
				}
				else {
					PlannedMigration ran = capture(transactions, migration, name, dialect);
					planned.add(ran);
					stopped = ran.outcome() == Outcome.FAILED;
				}
			}
			return planned;
		}
		catch (SQLException ex) {
			throw RunSession.failure("set the tenant's schema for the plan", ex);
		}
		finally {
			transactions.rollback(transaction);
			this.session.autoCommit(true);
		}
	}

	private void replay(StepTransactions transactions, int index) {
		SmallsMigration migration = this.catalog.migrationAt(index);
		String shown = MigrationNames.display(migration.sequence(), this.catalog.nameAt(index));
		transactions.arm();
		try {
			// In the plan's transaction, as written: the schema a safe rewrite leaves is the same.
			code(migration, this.session.dialect(), false).accept(transactions.jdbc());
		}
		catch (RuntimeException ex) {
			throw new SmallsException("smalls could not replay " + shown + ", which the database has applied, on the "
					+ "scratch schema where the plan runs: " + Failures.causeOf(ex) + ". Nothing was changed.",
					"The plan replays the applied migrations on an empty schema first, as the database commits "
							+ "DDL at once; a migration that needs data the schema has not got there cannot be "
							+ "replayed. Use smalls sql <sequence> for a schema migration's SQL instead.", ex);
		}
		finally {
			transactions.disarm();
		}
	}

	private PlannedMigration capture(StepTransactions transactions, SmallsMigration migration, String name,
			SmallsDialect dialect) {
		StatementCapture capture = new StatementCapture(true);
		transactions.arm(capture);
		String violation;
		try {
			code(migration, dialect, true).accept(transactions.jdbc());
		}
		catch (RuntimeException ex) {
			transactions.disarm();
			return new PlannedMigration(migration.sequence(), name, Outcome.FAILED, capture.statements(),
					"Failed: " + Failures.causeOf(ex));
		}
		violation = transactions.disarm();
		if (violation != null) {
			return new PlannedMigration(migration.sequence(), name, Outcome.FAILED, capture.statements(),
					"Failed: it called " + violation + ", which smalls refuses in a migration's transaction.");
		}
		return new PlannedMigration(migration.sequence(), name, Outcome.RAN, capture.statements(), null);
	}

	private PlannedMigration notTransactional(SmallsMigration migration, String name, SmallsDialect dialect) {
		if (migration instanceof SchemaMigration schema && !SchemaPlan.isWrittenByHand(schema, Operation.MIGRATE)) {
			SchemaPlan plan = this.session.plan(schema);
			return new PlannedMigration(migration.sequence(), name, Outcome.SHOWN,
					plan.statements(dialect, 0, plan.size()),
					migration.transactional() ? "Runs outside a transaction (its safe rewrites on " + dialect.databaseName()
							+ " commit statement by statement): shown from its operations, not run."
							: "Not transactional: shown from its operations, not run.");
		}
		if (migration instanceof SqlFileMigration file) {
			return new PlannedMigration(migration.sequence(), name, Outcome.SHOWN, file.statements(),
					"Not transactional: shown from " + file.location() + ", not run.");
		}
		return new PlannedMigration(migration.sequence(), name, Outcome.NOT_RUN, List.of(),
				"Not run: it is not transactional (its statements commit one by one, so they cannot run in a "
						+ "transaction that is rolled back), and it is code, whose statements are only known when "
						+ "it runs.");
	}

	/**
	 * What a migration runs forward: a schema migration's operations (in the safe forms the
	 * run uses, or as written), or its code.
	 */
	private Consumer<JdbcTemplate> code(SmallsMigration migration, SmallsDialect dialect, boolean rewritten) {
		if (migration instanceof SchemaMigration schema && !SchemaPlan.isWrittenByHand(schema, Operation.MIGRATE)) {
			SchemaPlan plan = rewritten ? this.session.plan(schema) : SchemaPlan.of(schema);
			return (jdbc) -> plan.run(jdbc, dialect, 0, plan.size());
		}
		return migration::migrate;
	}

}
