package dev.smalls.internal;

import java.net.InetAddress;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;

import dev.smalls.LockStatus;
import dev.smalls.MigrateResult;
import dev.smalls.MigrationStatus;
import dev.smalls.RepairResult;
import dev.smalls.RollbackResult;
import dev.smalls.SeedGuard;
import dev.smalls.SmallsCallback;
import dev.smalls.SmallsException;
import dev.smalls.SmallsInitializer;
import dev.smalls.SmallsMigration;
import dev.smalls.SmallsMigrationException.Operation;
import dev.smalls.SmallsSeeder;
import dev.smalls.SmallsValidationException;
import dev.smalls.SmallsValidationException.Problem;
import dev.smalls.SqlPreview;
import dev.smalls.SqlScript;
import dev.smalls.StepsResult;
import dev.smalls.dialect.LockStrategy;
import dev.smalls.dialect.MigrationLock;
import dev.smalls.dialect.SmallsDialect;

/**
 * What {@code SmallsMigrator} does, wired once from its builder's settings: a session per
 * call, the planner to decide, the executor or step runner to act, under the lock when
 * anything changes. Internal: not for use outside smalls.
 */
public final class Engine {

	private final Settings settings;

	private final MigrationCatalog catalog;

	private final MigrationPlanner planner;

	private final HistoryTable history;

	private final Callbacks callbacks;

	private final DialectCache dialect;

	private final RunSession.LockSettings lockSettings;

	private volatile @Nullable String appliedBy;

	/** Whether any migration is a schema migration: only then can a run be marked interrupted. */
	private final boolean schemaMigrations;

	public Engine(Settings settings) {
		this.settings = settings;
		this.catalog = new MigrationCatalog(settings.migrations());
		this.planner = new MigrationPlanner(this.catalog, settings.outOfOrder());
		this.history = new HistoryTable(qualified(settings.schema(), settings.table()));
		this.callbacks = new Callbacks(settings.callbacks());
		this.dialect = new DialectCache(settings.dialect());
		this.lockSettings = new RunSession.LockSettings(settings.lockStrategy(), settings.lockTimeout(),
				settings.lockLease());
		this.appliedBy = settings.appliedBy();
		this.schemaMigrations = this.catalog.hasSchemaMigrations();
		if (!this.catalog.problems().isEmpty()) {
			// Said at build time, so that an application that does not migrate on start-up
			// learns of it in its start-up log, not at its first migrate.
			RunSession.Logging.logger.warn("The migrations in the code are inconsistent, and smalls will refuse to "
					+ "run them: " + String.join("; ", this.catalog.problems()));
		}
	}

	public String table() {
		return this.history.name();
	}

	public MigrationStatus status() {
		this.catalog.validate();
		try (RunSession session = open()) {
			MigrationStatus status = this.planner.status(session.readHistory(false));
			return this.schemaMigrations ? SchemaTools.withInterrupted(status, new SchemaRuns(session).interrupted())
					: status;
		}
	}

	public RepairResult repair(int sequence) {
		try (RunSession session = open()) {
			return underLock(session, (lock, history) -> new SchemaTools(session, this.catalog).repair(sequence));
		}
	}

	public SqlPreview sql(int sequence, boolean rollback) {
		try (RunSession session = open()) {
			return new SchemaTools(session, this.catalog).preview(sequence, rollback);
		}
	}

	/** The marks of schema migrations, checked before anything runs; {@code null} where there are none. */
	private @Nullable SchemaRuns schemaRuns(RunSession session) {
		if (!this.schemaMigrations) {
			return null;
		}
		SchemaRuns schemaRuns = new SchemaRuns(session);
		schemaRuns.refuseIfInterrupted(this.catalog);
		return schemaRuns;
	}

	public LockStatus lockStatus() {
		try (RunSession session = open()) {
			Locks locks = session.locks(this.lockSettings);
			// Some locks create their table on first use: a probe on a database smalls never
			// migrated must not leave tables behind.
			return (session.readSequences() == null) ? locks.statusWithoutCreating() : locks.status();
		}
	}

	public MigrateResult migrate(int target) {
		try (RunSession session = open()) {
			// With nothing pending (every start-up but a deploy's first): one read, no lock.
			AppliedSequences unlocked = session.readSequences();
			int[] unlockedPlan = this.planner.migrate((unlocked != null) ? unlocked : AppliedSequences.none(), target);
			if (unlocked != null && unlockedPlan.length == 0) {
				return new MigrateResult(0, List.of(), unlocked.current());
			}
			return reportingFailure(session, Operation.MIGRATE, () -> underLock(session, (lock, history) -> {
				// Something looked pending: plan again, now that no other instance can change the history.
				SchemaRuns schemaRuns = schemaRuns(session);
				int[] plan = this.planner.migrate(history.sequences(), target);
				return new MigrationExecutor(session, this.catalog, this.callbacks, lock, schemaRuns).apply(history, plan,
						appliedBy());
			}));
		}
	}

	public RollbackResult rollback(int target) {
		return rollback((history) -> this.planner.rollbackTo(history, target));
	}

	public RollbackResult rollbackBatches(int batches) {
		return rollback((history) -> this.planner.rollbackBatches(history, batches));
	}

	private RollbackResult rollback(Function<History, List<HistoryRow>> plan) {
		try (RunSession session = open()) {
			return reportingFailure(session, Operation.ROLLBACK, () -> underLock(session, (lock, history) -> {
				SchemaRuns schemaRuns = schemaRuns(session);
				List<HistoryRow> rows = plan.apply(history);
				return new MigrationExecutor(session, this.catalog, this.callbacks, lock, schemaRuns).undo(history, rows);
			}));
		}
	}

	public StepsResult init() {
		return steps(new StepRunner("init", this.settings.initScripts(), this.settings.initializers()
			.stream()
			.map((bean) -> new StepRunner.Step(bean.getClass().getName(), bean::run))
			.toList()));
	}

	public StepsResult seed(boolean force) {
		String refusal = this.settings.seedGuard().refusal();
		if (refusal != null && !force) {
			throw new SmallsValidationException(Problem.SEED_REFUSED, List.of(),
					"Seeding refused: " + refusal + ". Nothing was written.",
					"Seed data must not reach this database by accident. If it really should be seeded, seed "
							+ "again with force.");
		}
		return steps(new StepRunner("seed", this.settings.seedScripts(), this.settings.seeders()
			.stream()
			.map((bean) -> new StepRunner.Step(bean.getClass().getName(), bean::run))
			.toList()));
	}

	private StepsResult steps(StepRunner runner) {
		runner.checkScripts();
		try (RunSession session = open()) {
			return underLock(session, (lock, history) -> runner.run(session, lock));
		}
	}

	private RunSession open() {
		return RunSession.open(this.settings.dataSource(), this.settings.schema(), this.history, this.dialect);
	}

	/** A tenant's history table lives in its schema, whatever the connection's default. */
	private static String qualified(@Nullable String schema, String table) {
		if (schema == null) {
			return table;
		}
		if (table.contains(".")) {
			throw new IllegalArgumentException("The history table '" + table + "' names a schema, and so does the "
					+ "migrator ('" + schema + "'): give the table without one");
		}
		return schema + "." + table;
	}

	/** Take the lock, read the history (creating its table if needed), work, release. */
	private <T> T underLock(RunSession session, BiFunction<MigrationLock, History, T> work) {
		MigrationLock lock = session.locks(this.lockSettings).take();
		T result;
		try {
			result = work.apply(lock, session.readHistory(true));
		}
		catch (RuntimeException | Error ex) {
			release(lock, ex);
			throw ex;
		}
		release(lock, null);
		return result;
	}

	/**
	 * Release the lock. A failure to release does not undo what was done, and the lock dies
	 * with its session anyway: it is logged, or added to the failure already on its way.
	 */
	private static void release(MigrationLock lock, @Nullable Throwable failure) {
		try {
			lock.close();
		}
		catch (SQLException | RuntimeException ex) {
			if (failure != null) {
				failure.addSuppressed(ex);
			}
			else {
				RunSession.Logging.logger.warn("smalls could not release its migration lock (" + Failures.causeOf(ex)
						+ "); the database frees it when the connection closes. What ran is committed.", ex);
			}
		}
	}

	private <T> T reportingFailure(RunSession session, Operation operation, Supplier<T> run) {
		try {
			return run.get();
		}
		catch (SmallsException ex) {
			session.outsideTheRun(() -> this.callbacks.onFailure(operation, ex));
			throw ex;
		}
	}

	private String appliedBy() {
		String by = this.appliedBy;
		if (by == null) {
			by = System.getProperty("user.name", "unknown") + "@" + hostName();
			this.appliedBy = by;
		}
		return by;
	}

	private static String hostName() {
		String host = System.getenv("HOSTNAME");
		if (host != null && !host.isBlank()) {
			return host;
		}
		try {
			return InetAddress.getLocalHost().getHostName();
		}
		catch (Exception ex) {
			return "unknown-host";
		}
	}

	/**
	 * Everything a migrator is built from.
	 *
	 * @param dataSource the database
	 * @param migrations the migrations
	 * @param initializers init beans, in order
	 * @param seeders seed beans, in order
	 * @param initScripts init scripts
	 * @param seedScripts seed scripts
	 * @param table the history table
	 * @param outOfOrder whether early pending migrations may run
	 * @param lockTimeout how long to wait for the lock
	 * @param lockStrategy how to hold the lock
	 * @param lockLease how long a lease lasts unless renewed
	 * @param seedGuard whether seeding is allowed
	 * @param dialect the dialect, or {@code null} to detect it
	 * @param appliedBy who is recorded, or {@code null} for {@code user@host}
	 * @param callbacks told of every run
	 * @param schema the schema to run in (a tenant's), or {@code null} for the connection's default
	 */
	public record Settings(DataSource dataSource, List<? extends SmallsMigration> migrations,
			List<SmallsInitializer> initializers, List<SmallsSeeder> seeders, List<SqlScript> initScripts,
			List<SqlScript> seedScripts, String table, boolean outOfOrder, Duration lockTimeout,
			LockStrategy lockStrategy, Duration lockLease, SeedGuard seedGuard,
			@Nullable SmallsDialect dialect, @Nullable String appliedBy, List<SmallsCallback> callbacks,
			@Nullable String schema) {
	}

}
