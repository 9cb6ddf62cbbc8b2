package dev.smalls.internal;

import java.net.InetAddress;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;

import org.springframework.transaction.PlatformTransactionManager;

import dev.smalls.AdoptionResult;
import dev.smalls.DataMigrationProgress;
import dev.smalls.DriftResult;
import dev.smalls.FlywayAdoption;
import dev.smalls.LiquibaseAdoption;
import dev.smalls.EditedMigrations;
import dev.smalls.LockStatus;
import dev.smalls.MigrateResult;
import dev.smalls.MigrationExecution;
import dev.smalls.MigrationInfo;
import dev.smalls.MigrationNames;
import dev.smalls.MigrationPlan;
import dev.smalls.lint.LintMode;
import dev.smalls.lint.LintResult;
import dev.smalls.lint.Linter;
import dev.smalls.MigrationState;
import dev.smalls.MigrationStatus;
import dev.smalls.RehearsalResult;
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
import dev.smalls.dialect.Scratch;
import dev.smalls.dialect.SmallsDialect;
import dev.smalls.dialect.SmallsTables;
import dev.smalls.dialect.lock.MigrationLock;
import dev.smalls.schema.SchemaSnapshot;
import dev.smalls.schema.SquashMigration;
import dev.smalls.schema.SquashResult;

/**
 * What {@code SmallsMigrator} does, wired once from its builder's settings: a session per
 * call, the planner to decide, the executor or step runner to act, under the lock when
 * anything changes. Internal: not for use outside smalls.
 */
public final class Engine {

	/** The target that applies every pending migration. */
	public static final int EVERYTHING = MigrationPlanner.EVERYTHING;

	private final Settings settings;

	private final MigrationCatalog catalog;

	private final MigrationPlanner planner;

	private final HistoryTable history;

	private final Callbacks callbacks;

	private final DialectCache dialect;

	private final RunSession.LockSettings lockSettings;

	private volatile @Nullable String appliedBy;

	private final StepSettings stepSettings;

	private final Squashes squashes;

	/** What runs a squash on a database that has none of its migrations, built when first needed. */
	private volatile @Nullable Engine squashEngine;

	/** What rolls a whole squash back where the replaced migrations' code is gone. */
	private volatile @Nullable Engine squashRollbackEngine;

	private volatile @Nullable DataRuns dataRuns;

	/** The migrations as a migrate that runs the squash runs them, for plan, lint and rehearse. */
	private volatile @Nullable Engine squashView;

	public Engine(Settings settings) {
		this.settings = settings;
		this.squashes = Squashes.split(settings.migrations());
		this.catalog = new MigrationCatalog(this.squashes.others());
		this.planner = new MigrationPlanner(this.catalog, settings.outOfOrder());
		this.history = new HistoryTable(qualified(settings.schema(), settings.table()));
		this.callbacks = new Callbacks(settings.callbacks());
		this.dialect = new DialectCache(settings.dialect());
		this.lockSettings = new RunSession.LockSettings(settings.lockStrategy(), settings.lockTimeout(),
				settings.lockLease());
		this.appliedBy = settings.appliedBy();
		this.stepSettings = new StepSettings(settings.lockTimeout(), settings.migrationTimeout(),
				new DdlSettings(settings.ddlLockTimeout(), settings.ddlStatementTimeout(), settings.ddlLockRetries(),
						settings.ddlRetryBackoff()));
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

	public DataSource dataSource() {
		return this.settings.dataSource();
	}

	public FlywayAdoption flywayHistory() {
		return this.settings.flywayHistory();
	}

	public LiquibaseAdoption liquibaseHistory() {
		return this.settings.liquibaseHistory();
	}

	public List<SmallsMigration> migrations() {
		return java.util.Collections.unmodifiableList(this.settings.migrations());
	}

	public @Nullable String schema() {
		return this.settings.schema();
	}

	/**
	 * Whether the code has any data migration.
	 * @return {@code true} if it has
	 */
	public boolean hasDataMigrations() {
		return this.catalog.hasData();
	}

	/**
	 * Every data migration in the code and how far it got.
	 * @return their progress, in sequence order
	 */
	public List<DataMigrationProgress> dataProgress() {
		return dataRuns().progress();
	}

	/**
	 * Run the data migrations that can run, in this thread (see {@code SmallsDataMigrations}).
	 * @param lease how long a silent instance keeps one
	 * @param transactionManager the batches' transaction manager, or {@code null} for smalls' own
	 * @param listener told after each batch
	 * @param stopped asked between batches
	 * @return their progress at the end
	 */
	public List<DataMigrationProgress> runData(Duration lease, @Nullable PlatformTransactionManager transactionManager,
			Consumer<DataMigrationProgress> listener, BooleanSupplier stopped) {
		return dataRuns().run(lease, transactionManager, listener, stopped);
	}

	/**
	 * An operator's pause, resume or cancel of a data migration.
	 * @param sequence its sequence
	 * @param action {@code pause}, {@code resume} or {@code cancel}
	 * @param by who, for the record
	 * @return its progress now
	 */
	public DataMigrationProgress changeData(int sequence, String action, String by) {
		return switch (action) {
			case "pause" -> dataRuns().pause(sequence, by);
			case "resume" -> dataRuns().resume(sequence, by);
			case "cancel" -> dataRuns().cancel(sequence, by);
			default -> throw new IllegalArgumentException("No data migration action " + action);
		};
	}

	private DataRuns dataRuns() {
		DataRuns runs = this.dataRuns;
		if (runs == null) {
			synchronized (this) {
				runs = this.dataRuns;
				if (runs == null) {
					runs = new DataRuns(this, this.catalog, new DataTable(new SmallsTables(table()).data()));
					this.dataRuns = runs;
				}
			}
		}
		return runs;
	}

	/** What the history records, for the data runner: read without the lock. */
	AppliedSequences readApplied() {
		try (RunSession session = open()) {
			AppliedSequences seen = session.readSequences();
			return (seen != null) ? seen : AppliedSequences.none();
		}
	}

	/** Bring smalls' tables to this smalls' layout (the data table is layout 6's), under the lock if needed. */
	void ensureTables() {
		try (RunSession session = open()) {
			AppliedSequences seen = session.readSequences();
			if (seen != null && session.readLayout(true).isCurrent()) {
				return;
			}
			try (LockedRun locked = lock(session, seen)) {
				locked.hold();
			}
		}
	}

	/**
	 * Create one of smalls' tables that is made when first needed (the data and instances
	 * tables), under the migration lock, unless it is there.
	 * @param table the table
	 * @param ddl its definition, for this database's dialect
	 */
	void ensureTable(String table, Function<SmallsDialect, String> ddl) {
		ensureTables();
		try (RunSession session = open()) {
			if (inSchema(session, "look for " + table, (connection) -> session.dialect().hasTable(connection, table))) {
				return;
			}
			try (LockedRun locked = lock(session, session.readSequences())) {
				locked.underLock("create " + table, (connection) -> {
					if (!session.dialect().hasTable(connection, table)) {
						try (java.sql.Statement statement = connection.createStatement()) {
							statement.execute(ddl.apply(session.dialect()));
						}
					}
					return null;
				});
			}
		}
	}

	/** The dialect, for the data runner. */
	SmallsDialect dialect(Connection connection) throws SQLException {
		return this.dialect.get(connection);
	}

	/**
	 * Record a data migration whose last batch committed: under the migration lock, in one
	 * transaction, its progress row becomes done and its history row is written, in the next
	 * batch number.
	 * @return {@code true} if this call recorded it, {@code false} if another did
	 */
	boolean finishData(DataTable table, int sequence, String name, @Nullable String checksum, long executionMillis) {
		try (RunSession session = open()) {
			AppliedSequences seen = session.readSequences();
			try (LockedRun locked = lock(session, seen)) {
				return locked.underLock("record data migration " + MigrationNames.display(sequence, name)
						+ " in its history table " + session.table(), (connection) -> Adoption.inTransaction(connection,
								() -> {
									java.time.Instant now = java.time.Instant.now();
									History history = session.readHistory();
									if (history.sequences().contains(sequence) || !table.finish(connection, sequence, now)) {
										return false;
									}
									try (java.sql.PreparedStatement insert = connection.prepareStatement(
											session.dialect().insertRecordedHistory(session.table()))) {
										insert.setInt(1, sequence);
										insert.setString(2, name);
										insert.setInt(3, history.maxBatch() + 1);
										insert.setTimestamp(4, java.sql.Timestamp.from(now));
										insert.setLong(5, executionMillis);
										insert.setString(6, appliedBy());
										if (checksum != null) {
											insert.setString(7, checksum);
										}
										else {
											insert.setNull(7, java.sql.Types.VARCHAR);
										}
										insert.setNull(8, java.sql.Types.VARCHAR);
										insert.executeUpdate();
									}
									return true;
								}));
			}
		}
	}

	/**
	 * Before a contract step ({@code @Contract}) runs: wait, up to the contract wait, while a
	 * running instance maps what it removes, then refuse.
	 */
	private void refuseContractsInUse(int[] plan, Duration wait, Supplier<List<dev.smalls.RunningInstance>> running) {
		for (int index : plan) {
			Set<String> removed = ContractGuard.removedBy(this.catalog.migrationAt(index));
			if (!removed.isEmpty()) {
				ContractGuard.waitUntilUnused(this.catalog.sequenceAt(index), this.catalog.nameAt(index), removed,
						running, wait, this.settings.instanceTimeout());
			}
		}
	}

	private List<dev.smalls.RunningInstance> runningInstances(RunSession session) {
		return inSchema(session, "read the running instances in " + instances().table(),
				(connection) -> instances().running(connection, session, this.settings.instanceTimeout()));
	}

	/**
	 * The instances of the application that announced themselves and whose heartbeat is
	 * recent.
	 * @return them, oldest first
	 */
	public List<dev.smalls.RunningInstance> runningInstances() {
		try (RunSession session = open()) {
			return runningInstances(session);
		}
	}

	/**
	 * Announce this instance: its release and what it maps (the migrator's lint-mapped names).
	 * @param release the release it runs
	 * @return the announcement, to keep alive and close
	 */
	public dev.smalls.InstanceAnnouncement announce(String release) {
		return instances().announce(appliedBy() + "#" + Tokens.next(), release, this.settings.lintMapped().get());
	}

	private InstanceAnnouncements instances() {
		return new InstanceAnnouncements(this, new ContractGuard(new SmallsTables(table()).instances()));
	}

	/** Whether the history table exists: whether smalls ever migrated this database. */
	boolean migratedBefore() {
		try (RunSession session = open()) {
			return session.readSequences() != null;
		}
	}

	/** Some work on a connection of the migrator's, in its schema. */
	void withConnection(String what, SqlAction work) {
		try (RunSession session = open()) {
			inSchema(session, what, (connection) -> {
				work.run(connection);
				return null;
			});
		}
	}

	/** Work on a connection that returns nothing. */
	@FunctionalInterface
	interface SqlAction {

		void run(Connection connection) throws SQLException;

	}

	/** Who the history says applied something, e.g. {@code app@host}. */
	String by() {
		return appliedBy();
	}

	public MigrationStatus status() {
		this.catalog.validate();
		this.squashes.validate();
		try (RunSession session = open()) {
			History history = session.readHistory();
			session.readLayout(!history.rows().isEmpty());
			MigrationStatus status = this.squashes.status(this.planner.status(history),
					this.squashes.runsOn(history.sequences()));
			return SchemaTools.withInterrupted(status, new SchemaRuns(session).interrupted(), session.leftovers());
		}
	}

	public RepairResult repair(int sequence) {
		try (RunSession session = open(); LockedRun locked = lock(session, session.readSequences())) {
			locked.hold();
			return new SchemaTools(session, this.catalog).repair(sequence);
		}
	}

	public AdoptionResult baseline(int sequence) {
		if (sequence < 1) {
			throw new SmallsValidationException(Problem.INVALID_ARGUMENT, List.of(),
					"The baseline's sequence must be 1 or more, not " + sequence + ".",
					"Pass the sequence of the last migration the schema already has, e.g. baseline 5; the next "
							+ "migration is then 6.");
		}
		this.catalog.validate();
		Adoption.Plan plan = Adoption.baseline("baseline", this.catalog, sequence, Origins.BASELINE, "baseline",
				List.of());
		try (RunSession session = open(); LockedRun locked = lock(session, session.readSequences())) {
			return new Adoption(session, locked, this.settings.recordSchema(), appliedBy()).record(plan, true);
		}
	}

	public AdoptionResult adoptFlyway(FlywayAdoption options) {
		this.catalog.validate();
		String shown = (options.schema() != null) ? options.schema() + "." + options.table() : options.table();
		try (RunSession session = open()) {
			List<FlywayHistoryReader.FlywayRow> rows = inSchema(session, "read Flyway's history table " + shown,
					(connection) -> FlywayHistoryReader.read(connection, options));
			Adoption.Plan plan = new FlywayHistory(rows, options.sequences()).plan("flyway " + shown, this.catalog);
			return adopt(session, plan);
		}
	}

	public AdoptionResult adoptLiquibase(LiquibaseAdoption options) {
		this.catalog.validate();
		try (RunSession session = open()) {
			Adoption.Plan plan = inSchema(session, "read Liquibase's change log table " + options.table(),
					(connection) -> LiquibaseHistoryReader.plan(connection, options, this.catalog));
			return adopt(session, plan);
		}
	}

	private AdoptionResult adopt(RunSession session, Adoption.Plan plan) {
		try (LockedRun locked = lock(session, session.readSequences())) {
			return new Adoption(session, locked, this.settings.recordSchema(), appliedBy()).record(plan, false);
		}
	}

	public SqlPreview sql(int sequence, boolean rollback) {
		try (RunSession session = open()) {
			return new SchemaTools(session, this.catalog).preview(sequence, rollback);
		}
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
		this.squashes.validate();
		SquashMigration squash = this.squashes.squash();
		boolean reachesSquash = squash != null && target >= squash.sequence();
		try (RunSession session = open()) {
			// With nothing pending (every start-up but a deploy's first): one read, no lock.
			AppliedSequences unlocked = this.catalog.hasChecksums() ? session.readChecksums() : session.readSequences();
			if (!reachesSquash || !this.squashes.runsOn(unlocked)) {
				if (reachesSquash) {
					this.squashes.requireCodeOfPending(unlocked, this.catalog);
				}
				return migrateCode(session, unlocked, target);
			}
		}
		// The session is closed first: a pool of one connection must serve the squash's run too.
		MigrateResult built = squashEngine(squash).migrate(squash.sequence());
		try (RunSession session = open()) {
			AppliedSequences unlocked = this.catalog.hasChecksums() ? session.readChecksums() : session.readSequences();
			return Squashes.joined(built, migrateCode(session, unlocked, target));
		}
	}

	private MigrateResult migrateCode(RunSession session, @Nullable AppliedSequences unlocked, int target) {
		int[] unlockedPlan = this.planner.migrate((unlocked != null) ? unlocked : AppliedSequences.none(), target);
		if (this.catalog.hasData()) {
			String waiting = this.planner.waiting((unlocked != null) ? unlocked : AppliedSequences.none());
			if (waiting != null) {
				RunSession.Logging.logger.info("smalls: " + waiting);
			}
		}
		if (unlocked != null) {
			refuseIfEdited(this.planner.edited(unlocked), "migrate");
		}
		if (unlocked != null && unlockedPlan.length == 0) {
			// Nothing is written, so the tables' layout does not matter yet: older tables are
			// upgraded, and a newer smalls' refused, by the first run that writes.
			return new MigrateResult(0, List.of(), unlocked.current());
		}
		if ((unlocked == null || unlocked.size() == 0) && unlockedPlan.length > 0) {
			// A first migrate: not on what Flyway or Liquibase applied before it is adopted.
			inSchema(session, "look for Flyway's and Liquibase's history tables", (connection) -> {
				ForeignHistories.refuseIfNotAdopted(connection, session.schema(), this.settings.flywayHistory(),
						this.settings.liquibaseHistory());
				return null;
			});
		}
		if (unlockedPlan.length > 0) {
			// The wait is here, before the lock, so that no other migrate waits with it.
			refuseContractsInUse(unlockedPlan, this.settings.contractWait(), () -> runningInstances(session));
		}
		LintRun.beforeMigrate(session, this.catalog, this.settings, unlockedPlan);
		return reportingFailure(session, Operation.MIGRATE, () -> {
			try (LockedRun locked = lock(session, unlocked)) {
				MigrationExecutor executor = executor(session, locked);
				MigrationExecutor.Progress progress = new MigrationExecutor.Progress();
				Recording recording = null;
				try {
					while (true) {
						// Something looked pending: plan again, under the lock.
						SchemaRuns.refuseIfInterrupted(this.catalog, locked.marks());
						int[] plan = this.planner.migrate(locked.history().sequences(), target);
						refuseOutsideTransactions(session, locked.lock(), plan);
						if (session.schema() == null) {
							// Again under the lock, at once: an instance that announced itself
							// since the check above is in the way too.
							refuseContractsInUse(plan, Duration.ZERO, () -> locked.underLock("read the running "
									+ "instances in " + instances().table(), (connection) -> instances()
										.runningIfThere(connection, session, this.settings.instanceTimeout())));
						}
						if (recording == null && plan.length > 0) {
							recording = startRecording(session, locked);
						}
						try {
							return executor.apply(locked.history(), plan, appliedBy(), progress);
						}
						catch (MigrationExecutor.PlanChanged changed) {
							locked.reread();
						}
					}
				}
				finally {
					finishRecording(session, locked, recording, progress);
				}
			}
		});
	}

	public RollbackResult rollback(int target) {
		SquashMigration squash = this.squashes.squash();
		try (RunSession session = open()) {
			AppliedSequences unlocked = session.readSequences();
			if (squash == null || !this.squashes.rollsBack(unlocked, this.catalog, target)) {
				return rollback(session, unlocked, (history) -> this.planner.rollbackTo(history, target));
			}
		}
		// The session is closed first: a pool of one connection must serve the squash's run too.
		return rollbackThroughSquash(squash, target, (history) -> {
		});
	}

	/**
	 * Roll back the migrations above the squash, then the whole squash. Under the first run's
	 * lock, before anything is undone, the squash's rollback is planned too, so that one it
	 * would refuse (a baseline, an edited migration) refuses the whole rollback.
	 * @param check what else must hold, under the lock, for the rollback to go on
	 */
	private RollbackResult rollbackThroughSquash(SquashMigration squash, int target, Consumer<History> check) {
		Engine squashRollback = squashRollbackEngine(squash);
		RollbackResult above = rollback((history) -> {
			check.accept(history);
			squashRollback.refuseRollback(new History(history.rows()
				.stream()
				.filter((row) -> row.sequence() <= squash.sequence())
				.toList()), target);
			return this.planner.rollbackTo(history, squash.sequence());
		});
		return Squashes.joined(above, squashRollback.rollback(target));
	}

	/** Throw where a rollback to the target would be refused on this history, undoing nothing. */
	private void refuseRollback(History history, int target) {
		refuseIfEdited(this.planner.edited(this.planner.rollbackTo(history, target)), "roll back");
	}

	private Engine squashEngine(SquashMigration squash) {
		Engine engine = this.squashEngine;
		if (engine == null) {
			engine = new Engine(this.settings.withMigrations(List.of(squashStep(squash)), squashAppliedBy(squash)));
			this.squashEngine = engine;
		}
		return engine;
	}

	private Engine squashRollbackEngine(SquashMigration squash) {
		Engine engine = this.squashRollbackEngine;
		if (engine == null) {
			SquashStep step = squashStep(squash);
			List<SmallsMigration> migrations = new java.util.ArrayList<>(step.placeholders());
			migrations.add(step);
			engine = new Engine(this.settings.withMigrations(migrations, appliedBy()));
			this.squashRollbackEngine = engine;
		}
		return engine;
	}

	private SquashStep squashStep(SquashMigration squash) {
		return new SquashStep(squash, this.history.name(), squashAppliedBy(squash));
	}

	/** Who the rows of a squash's migrations record: they say that the squash wrote them. */
	private String squashAppliedBy(SquashMigration squash) {
		String by = "squash " + MigrationNames.display(1) + "-" + MigrationNames.display(squash.sequence()) + " by "
				+ appliedBy();
		return (by.length() > 255) ? by.substring(0, 255) : by;
	}

	public RollbackResult rollbackBatches(int batches) {
		SquashMigration squash = this.squashes.squash();
		if (squash != null && batches > 0) {
			int target;
			boolean throughSquash;
			try (RunSession session = open()) {
				History history = session.readHistory();
				target = Squashes.suffixOf(history, batches);
				throughSquash = target >= 0 && this.squashes.rollsBack(history.sequences(), this.catalog, target);
			}
			if (throughSquash) {
				return rollbackBatchesThroughSquash(squash, batches, target);
			}
		}
		return rollback((history) -> this.planner.rollbackBatches(history, batches));
	}

	/** The batches undo the whole squash, whose replaced migrations' code is gone: as a rollback to below them. */
	private RollbackResult rollbackBatchesThroughSquash(SquashMigration squash, int batches, int target) {
		// As long as they are still the latest batches, once the lock is taken.
		return rollbackThroughSquash(squash, target, (history) -> {
			if (Squashes.suffixOf(history, batches) != target) {
				throw new SmallsValidationException(Problem.OTHER, List.of(), "The history changed while this "
						+ "rollback of " + batches + " batch(es) waited for the lock: another run migrated or rolled "
						+ "back. Nothing was rolled back.", "Look at smalls status, and roll back again.");
			}
		});
	}

	private RollbackResult rollback(Function<History, List<HistoryRow>> plan) {
		try (RunSession session = open()) {
			return rollback(session, session.readSequences(), plan);
		}
	}

	private RollbackResult rollback(RunSession session, @Nullable AppliedSequences unlocked,
			Function<History, List<HistoryRow>> plan) {
		return reportingFailure(session, Operation.ROLLBACK, () -> {
			try (LockedRun locked = lock(session, unlocked)) {
				MigrationExecutor executor = executor(session, locked);
				MigrationExecutor.Progress progress = new MigrationExecutor.Progress();
				SchemaRuns.refuseIfInterrupted(this.catalog, locked.marks());
				List<HistoryRow> rows = plan.apply(locked.history());
				refuseIfEdited(this.planner.edited(rows), "roll back");
				Recording recording = rows.isEmpty() ? null : startRecording(session, locked);
				try {
					return undo(session, locked, executor, progress, rows);
				}
				finally {
					finishRecording(session, locked, recording, progress);
				}
			}
		});
	}

	private RollbackResult undo(RunSession session, LockedRun locked, MigrationExecutor executor,
			MigrationExecutor.Progress progress, List<HistoryRow> planned) {
		List<HistoryRow> rows = planned;
		while (true) {
			refuseOutsideTransactions(session, locked.lock(), rows.stream()
				.mapToInt((row) -> this.catalog.indexOf(row.sequence()))
				.toArray());
			try {
				return executor.undo(locked.history(), rows, progress);
			}
			catch (MigrationExecutor.PlanChanged changed) {
				// What is left of the plan, as far as it is still applied: a rollback undoes
				// what it was asked to, however the others moved.
				locked.reread();
				SchemaRuns.refuseIfInterrupted(this.catalog, locked.marks());
				History now = locked.history();
				List<Integer> done = progress.done.stream().map(MigrationExecution::sequence).toList();
				rows = rows.stream()
					.filter((row) -> !done.contains(row.sequence()) && now.row(row.sequence()) != null)
					.toList();
			}
		}
	}

	/** What a run read of the schema before its first step, for the recording after its last. */
	private record Recording(ExpectedSchema expected, ExpectedSchema.@Nullable Recorded recorded,
			@Nullable SchemaSnapshot before) {
	}

	private @Nullable Recording startRecording(RunSession session, LockedRun locked) {
		if (!this.settings.recordSchema()) {
			return null;
		}
		ExpectedSchema expected = new ExpectedSchema(new SmallsTables(this.history.name()), session.dialect());
		return locked.underLock("read the schema before the run, for drift checks", (connection) -> {
			ExpectedSchema.Recorded recorded = expected.read(connection);
			return new Recording(expected, recorded, (recorded != null) ? expected.live(connection) : null);
		});
	}

	/**
	 * Record the schema after a run that changed something. A failure here does not fail the
	 * run, whose work is committed: it is logged, and drift checks compare with the last
	 * recording until a run records again.
	 */
	private void finishRecording(RunSession session, LockedRun locked, @Nullable Recording recording,
			MigrationExecutor.Progress progress) {
		if (recording == null || progress.done.isEmpty()) {
			return;
		}
		try {
			locked.underLock("record the schema after the run, for drift checks", (connection) -> recording.expected()
				.record(connection, recording.recorded(), recording.before(), recording.expected().live(connection)));
		}
		catch (RuntimeException ex) {
			RunSession.Logging.logger.warn("smalls could not record the schema after the run, for drift checks ("
					+ Failures.causeOf(ex) + "); what ran is committed. Drift checks compare with the last recording "
					+ "until a run records again.", ex);
		}
	}

	/**
	 * How the live schema differs from the recorded one.
	 * @return the drift
	 */
	public DriftResult drift() {
		try (RunSession session = open()) {
			ExpectedSchema expected = new ExpectedSchema(new SmallsTables(this.history.name()), session.dialect());
			return inSchema(session, "compare the schema with the one recorded",
					(connection) -> drift(expected, connection, expected.live(connection)));
		}
	}

	/**
	 * Record the live schema as the one the history says it should have, after a person
	 * checked its drift: the schema is read once, under the lock.
	 * @return the drift that was accepted
	 */
	public DriftResult acceptDrift() {
		try (RunSession session = open(); LockedRun locked = lock(session, session.readSequences())) {
			ExpectedSchema expected = new ExpectedSchema(new SmallsTables(this.history.name()), session.dialect());
			return locked.underLock("record the schema as it is", (connection) -> {
				SchemaSnapshot live = expected.live(connection);
				DriftResult accepted = drift(expected, connection, live);
				expected.accept(connection, live);
				return accepted;
			});
		}
	}

	private DriftResult drift(ExpectedSchema expected, Connection connection, SchemaSnapshot live)
			throws SQLException {
		ExpectedSchema.Recorded recorded = expected.read(connection);
		if (recorded == null) {
			return new DriftResult(false, null, List.of());
		}
		String[] ignored = this.settings.driftIgnoredTables().toArray(new String[0]);
		return new DriftResult(true, recorded.recordedAt(),
				live.without(ignored).differencesFrom(recorded.schema().without(ignored)));
	}

	/** Work in the run's schema: a tenant's is set in a transaction of its own where the database sets it per transaction. */
	private <T> T inSchema(RunSession session, String what, LockedRun.SqlWork<T> work) {
		Connection connection = session.connection();
		String schema = session.schema();
		try {
			if (schema == null || !session.dialect().setsSchemaPerTransaction()) {
				return work.run(connection);
			}
			session.autoCommit(false);
			try {
				session.dialect().useSchema(connection, schema);
				return work.run(connection);
			}
			finally {
				connection.rollback();
				session.autoCommit(true);
			}
		}
		catch (SQLException ex) {
			throw RunSession.failure(what, ex);
		}
	}

	/**
	 * The statements of every pending migration, obtained by running them where nothing is
	 * kept: in a transaction that is rolled back where DDL is transactional, else on a scratch
	 * schema after the applied migrations were replayed there.
	 * @return the plan
	 */
	public MigrationPlan plan() {
		this.catalog.validate();
		this.squashes.validate();
		Scratch scratch;
		SmallsDialect dialect;
		int[] replay;
		int[] pending;
		try (RunSession session = open()) {
			AppliedSequences applied = session.readSequences();
			if (this.squashes.runsOn(applied)) {
				scratch = null;
				dialect = null;
				replay = null;
				pending = null;
			}
			else {
				AppliedSequences seen = (applied != null) ? applied : AppliedSequences.none();
				pending = this.planner.migrate(seen, MigrationPlanner.EVERYTHING);
				dialect = session.dialect();
				if (pending.length == 0) {
					return new MigrationPlan(dialect.databaseName(), !dialect.supportsTransactionalDdl(), List.of());
				}
				if (dialect.supportsTransactionalDdl()) {
					return new MigrationPlan(dialect.databaseName(), false,
							new PlanRun(session, this.catalog).run(new int[0], pending));
				}
				replay = java.util.stream.IntStream.range(0, this.catalog.size())
					.filter((index) -> seen.contains(this.catalog.sequenceAt(index)))
					.toArray();
				scratch = createScratch(session, "smalls_plan_", "make the plan in");
			}
		}
		if (scratch == null || dialect == null) {
			// Migrate would run the squash here. The session is closed first: a pool of one
			// connection must serve this run too.
			return squashView().plan();
		}
		try (RunSession session = RunSession.open(scratch.dataSource(), scratch.schema(), this.history, this.dialect,
				LockStrategy.SESSION, this.settings.safeRewrites())) {
			return new MigrationPlan(dialect.databaseName(), true, new PlanRun(session, this.catalog).run(replay, pending));
		}
		finally {
			drop(scratch);
		}
	}

	/**
	 * Lint the pending migrations for the database's rules, with its tables' sizes.
	 * @param plan a plan just made, whose statements code migrations are linted by, or
	 * {@code null} to make one if a code migration is pending
	 * @return what was found
	 */
	public LintResult lint(@Nullable MigrationPlan plan) {
		this.catalog.validate();
		this.squashes.validate();
		Linter linter;
		SmallsDialect dialect;
		int[] pending;
		try (RunSession session = open()) {
			AppliedSequences applied = session.readSequences();
			if (this.squashes.runsOn(applied)) {
				linter = null;
				dialect = null;
				pending = null;
			}
			else {
				pending = this.planner.migrate((applied != null) ? applied : AppliedSequences.none(),
						MigrationPlanner.EVERYTHING);
				dialect = session.dialect();
				if (pending.length == 0) {
					return new LintResult(dialect.databaseName(), 0, List.of(), List.of());
				}
				Connection connection = session.connection();
				linter = new Linter(dialect.databaseName(), connection.getMetaData().getDatabaseMajorVersion(),
						dialect.relationRows(connection), this.settings.lintMapped().get(),
						this.settings.lintLargeTableRows());
			}
		}
		catch (SQLException ex) {
			throw RunSession.failure("read the tables' sizes to lint", ex);
		}
		if (linter == null || dialect == null || pending == null) {
			// Migrate would run the squash here.
			return squashView().lint(plan);
		}
		boolean safe = this.settings.safeRewrites();
		return new LintRun(this.catalog, dialect, linter, (migration) -> RunSession.plan(migration, safe)).run(pending,
				(plan != null) ? () -> plan : this::plan);
	}

	/**
	 * The migrations as a migrate that runs the squash runs them: the squash in place of
	 * {@code 1..N}, then those it does not replace. Where migrate would run the squash (and
	 * when rehearsing everything, which starts from an empty schema), plan, lint and rehearse
	 * run on these, so that they show what runs.
	 * @return the engine of those migrations
	 */
	private Engine squashView() {
		Engine engine = this.squashView;
		if (engine == null) {
			engine = new Engine(this.settings.withMigrations(this.squashes.asMigrateRunsIt(), appliedBy()));
			this.squashView = engine;
		}
		return engine;
	}

	private Scratch createScratch(RunSession session, String prefix, String purpose) {
		String name = prefix + UUID.randomUUID().toString().substring(0, 8);
		try {
			return session.dialect().createScratch(this.settings.dataSource(), session.connection(), name);
		}
		catch (SQLException ex) {
			throw new SmallsException("smalls could not create a scratch schema to " + purpose + " (" + name + "): "
					+ Failures.causeOf(ex) + ". Nothing was run.", "This needs the right to create a schema (a "
							+ "database on MariaDB/MySQL) on this server: run it as a user who may, or against a "
							+ "database of its own, e.g. in CI.", ex);
		}
	}

	private static void drop(Scratch scratch) {
		try {
			scratch.close();
		}
		catch (SQLException ex) {
			RunSession.Logging.logger.warn("smalls could not drop its scratch schema " + scratch.schema() + " ("
					+ Failures.causeOf(ex) + "); drop it by hand.");
		}
	}

	/**
	 * Rehearse the pending migrations (or every one) on a scratch schema: apply, roll back,
	 * apply again, comparing the schema after each step.
	 * @param everything {@code true} to rehearse every migration, not only the pending ones
	 * @return what was found
	 */
	public RehearsalResult rehearse(boolean everything) {
		this.catalog.validate();
		this.squashes.validate();
		if (everything && this.squashes.squash() != null) {
			// From an empty schema, where migrate runs the squash.
			return squashView().rehearse(true);
		}
		long started = System.nanoTime();
		Scratch scratch;
		SmallsDialect dialect;
		int base;
		try (RunSession session = open()) {
			AppliedSequences applied = session.readSequences();
			if (this.squashes.runsOn(applied)) {
				scratch = null;
				dialect = null;
				base = 0;
			}
			else {
				int[] pending = this.planner.migrate((applied != null) ? applied : AppliedSequences.none(),
						MigrationPlanner.EVERYTHING);
				int first = everything ? 0 : (pending.length > 0) ? pending[0] : -1;
				if (first < 0 || this.catalog.size() == 0) {
					return new RehearsalResult(List.of(), List.of(), List.of(),
							(System.nanoTime() - started) / 1_000_000);
				}
				base = (first == 0) ? 0 : this.catalog.sequenceAt(first - 1);
				dialect = session.dialect();
				scratch = createScratch(session, "smalls_rehearsal_", "rehearse in");
			}
		}
		if (scratch == null || dialect == null) {
			// Migrate would run the squash here.
			return squashView().rehearse(false);
		}
		// The session is closed first: a pool of one connection must serve the scratch run too.
		try {
			return new Rehearsal(this.settings, scratch, dialect).run(base, started);
		}
		finally {
			drop(scratch);
		}
	}

	/**
	 * Squash the migrations {@code 1..through}: check them against the history (read under
	 * the lock), replay them on a scratch schema, read what they built, and build it again
	 * from the operations read, on a second scratch schema, to find what they do not carry.
	 * @param through the last migration to squash
	 * @return what was found
	 */
	public SquashResult squash(int through) {
		this.catalog.validate();
		this.squashes.validate();
		SmallsDialect dialect;
		Scratch replay;
		Scratch trial;
		try (RunSession session = open()) {
			AppliedSequences seen = session.readSequences();
			History history = History.empty();
			if (seen != null) {
				try (LockedRun locked = lock(session, seen)) {
					locked.hold();
					history = locked.history();
				}
			}
			SquashReplay.check(this.catalog, this.squashes.squash(), this.planner, history, through);
			dialect = session.dialect();
			replay = createScratch(session, "smalls_squash_", "replay the migrations in");
			try {
				trial = createScratch(session, "smalls_squash_", "try the squash in");
			}
			catch (RuntimeException ex) {
				drop(replay);
				throw ex;
			}
		}
		// The session is closed first: a pool of one connection must serve the scratch runs too.
		try {
			return new SquashReplay(this.settings, dialect).run(replay, trial, through, this.catalog);
		}
		finally {
			drop(trial);
			drop(replay);
		}
	}

	/**
	 * Record the checksum the code of an applied migration gives now, once a person checked
	 * that the edit is safe.
	 * @param sequence the migration
	 * @return the migration as now recorded
	 */
	public MigrationInfo acceptChecksum(int sequence) {
		this.catalog.validate();
		int index = this.catalog.indexOf(sequence);
		if (index < 0) {
			throw new SmallsValidationException(Problem.INVALID_ARGUMENT, List.of(sequence),
					"The code has no migration " + MigrationNames.display(sequence) + ": there is no checksum to "
							+ "accept. Nothing was changed.",
					"Run status to see the migrations and their states; accept a migration shown as EDITED.");
		}
		String display = MigrationNames.display(sequence, this.catalog.nameAt(index));
		String checksum = this.catalog.checksumAt(index);
		if (checksum == null) {
			throw new SmallsValidationException(Problem.INVALID_ARGUMENT, List.of(sequence), display + " is code "
					+ "that declares no checksum(): smalls records the statements it sends when it is applied, and "
					+ "never takes it for edited. There is nothing to accept. Nothing was changed.",
					"To have it checked at every start-up, return a value from its checksum() method.");
		}
		try (RunSession session = open(); LockedRun locked = lock(session, session.readSequences())) {
			locked.hold();
			HistoryRow row = locked.history().row(sequence);
			if (row == null) {
				throw new SmallsValidationException(Problem.INVALID_ARGUMENT, List.of(sequence),
						display + " is not applied: there is no recorded checksum to replace. Nothing was changed.",
						"Accept only a migration that status shows as EDITED.");
			}
			session.autoCommit(true);
			session.acceptChecksum(sequence, checksum);
			RunSession.Logging.logger.info("smalls recorded the checksum of " + display + " as it is in the code now ("
					+ checksum + "; it was " + row.checksum() + ")");
			return new MigrationInfo(sequence, this.catalog.nameAt(index), MigrationState.APPLIED, row.batch(),
					row.appliedAt(), row.executionMillis(), row.appliedBy(), checksum);
		}
	}

	/**
	 * Refuse, or warn, when applied migrations were edited since they were applied.
	 * @param edited their positions in the catalog
	 * @param what what is refused, for the message
	 */
	private void refuseIfEdited(List<Integer> edited, String what) {
		if (edited.isEmpty()) {
			return;
		}
		List<Integer> sequences = edited.stream().map(this.catalog::sequenceAt).toList();
		String names = String.join(", ", edited.stream()
			.map((index) -> MigrationNames.display(this.catalog.sequenceAt(index), this.catalog.nameAt(index)))
			.toList());
		boolean one = edited.size() == 1;
		String message = names + (one ? " was" : " were") + " edited after " + (one ? "it was" : "they were")
				+ " applied: the checksum of " + (one ? "its" : "their") + " code differs from the one recorded in "
				+ this.history.name() + ".";
		if (this.settings.editedMigrations() == EditedMigrations.WARN) {
			RunSession.Logging.logger.warn(message + " smalls goes on, as it is set to only warn.");
			return;
		}
		throw new SmallsValidationException(Problem.EDITED_MIGRATION, sequences,
				message + " Nothing was run: smalls will not " + what + " while databases that ran the old code and "
						+ "databases that will run the new one may differ.",
				"Check what changed. If the edit changes nothing a database already has (a comment, a rename in "
						+ "code), record the new checksum with repair --accept " + sequences.get(0)
						+ "; otherwise restore the migration as it was and put the change in a new migration. To "
						+ "only warn, build the migrator with editedMigrations(EditedMigrations.WARN).");
	}

	private MigrationExecutor executor(RunSession session, LockedRun locked) {
		return new MigrationExecutor(session, this.catalog, this.callbacks, locked.lock(), new SchemaRuns(session),
				this.stepSettings);
	}

	/**
	 * On a database that sets a tenant's schema in each transaction, a migration that is not
	 * transactional runs its statements outside any: only a session that is the run's own
	 * (a direct connection, which the session lock asserts) keeps the schema for them.
	 */
	private void refuseOutsideTransactions(RunSession session, MigrationLock lock, int[] plan) {
		if (session.schema() == null || !session.dialect().setsSchemaPerTransaction()
				|| this.lockSettings.strategy() == LockStrategy.SESSION) {
			return;
		}
		List<Integer> refused = new java.util.ArrayList<>();
		for (int index : plan) {
			if (!session.transactional(this.catalog.migrationAt(index))) {
				refused.add(this.catalog.sequenceAt(index));
			}
		}
		if (!refused.isEmpty()) {
			String shown = String.join(", ", refused.stream()
				.map((sequence) -> MigrationNames.display(sequence, this.catalog.nameOf(sequence)))
				.toList());
			throw new SmallsValidationException(Problem.OTHER, refused, shown + " cannot run in schema "
					+ session.schema() + " with the " + this.lockSettings.strategy().name().toLowerCase(Locale.ROOT)
					+ " lock: " + ((refused.size() == 1) ? "it is" : "they are") + " not transactional, so "
					+ ((refused.size() == 1) ? "its" : "their") + " statements commit one by one, and on "
					+ session.dialect().databaseName() + " a tenant's schema is set for a transaction only (a pooler "
					+ "in transaction mode may hand each statement to a server connection with another search_path)."
					+ " Nothing was run.", "On direct connections, use the session lock (smalls.lock=session), which "
							+ "sets the schema on the run's own session; or make the migration transactional, or "
							+ "schema-qualify its statements and run it without tenants.");
		}
	}

	public StepsResult init() {
		return steps(new StepRunner("init", this.settings.initScripts(), this.settings.initializers()
			.stream()
			.map((bean) -> new StepRunner.Bean(bean.getClass().getName(), bean::run))
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
			.map((bean) -> new StepRunner.Bean(bean.getClass().getName(), bean::run))
			.toList()));
	}

	private StepsResult steps(StepRunner runner) {
		runner.checkScripts();
		try (RunSession session = open(); LockedRun locked = lock(session, session.readSequences())) {
			return runner.run(session, locked.lock(), this.stepSettings);
		}
	}

	private RunSession open() {
		return RunSession.open(this.settings.dataSource(), this.settings.schema(), this.history, this.dialect,
				this.lockSettings.strategy(), this.settings.safeRewrites());
	}

	/** Take the lock, once the tables' layout, read first, says that this smalls may write them. */
	private LockedRun lock(RunSession session, @Nullable AppliedSequences seen) {
		OwnTables.Layout layout = session.readLayout(seen != null);
		return LockedRun.take(session, session.locks(this.lockSettings), this.stepSettings, seen, layout,
				appliedBy());
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
	 * @param migrationTimeout the longest one migration may run, or {@code null} for no limit
	 * @param editedMigrations what to do when an applied migration was edited
	 * @param recordSchema whether a run that changes something records the schema, for drift
	 * checks
	 * @param driftIgnoredTables tables a drift check leaves out
	 * @param lintMode whether a migrate lints the pending migrations first, and fails on
	 * problems
	 * @param lintMapped tables and {@code table.column}s the application maps, for the linter
	 * @param lintLargeTableRows from how many rows the linter takes a table for large
	 * @param safeRewrites whether every schema operation runs in its safe form
	 * @param ddlLockTimeout the longest a statement of a migration step may wait for a lock, or
	 * {@code null}
	 * @param ddlStatementTimeout the longest a statement of a migration step may run, or
	 * {@code null}
	 * @param ddlLockRetries how often a step that gave up on a lock and was rolled back runs
	 * again
	 * @param ddlRetryBackoff the pause before the first retry
	 * @param flywayHistory where Flyway's history is, for the guard before a first migrate
	 * @param liquibaseHistory where Liquibase's history is, for the same guard
	 * @param contractWait how long a migrate waits for running instances that map what a
	 * contract step removes before it refuses
	 * @param instanceTimeout how old an instance's heartbeat may be for it to count as running
	 */
	public record Settings(DataSource dataSource, List<? extends SmallsMigration> migrations,
			List<SmallsInitializer> initializers, List<SmallsSeeder> seeders, List<SqlScript> initScripts,
			List<SqlScript> seedScripts, String table, boolean outOfOrder, Duration lockTimeout,
			LockStrategy lockStrategy, Duration lockLease, SeedGuard seedGuard,
			@Nullable SmallsDialect dialect, @Nullable String appliedBy, List<SmallsCallback> callbacks,
			@Nullable String schema, @Nullable Duration migrationTimeout, EditedMigrations editedMigrations,
			boolean recordSchema, List<String> driftIgnoredTables, LintMode lintMode,
			Supplier<Set<String>> lintMapped, long lintLargeTableRows, boolean safeRewrites,
			@Nullable Duration ddlLockTimeout, @Nullable Duration ddlStatementTimeout, int ddlLockRetries,
			Duration ddlRetryBackoff, FlywayAdoption flywayHistory, LiquibaseAdoption liquibaseHistory,
			Duration contractWait, Duration instanceTimeout) {

		/**
		 * These settings for other migrations, without initializers and seeders.
		 * @param migrations the migrations
		 * @param appliedBy who applies them
		 * @return the settings
		 */
		Settings withMigrations(List<? extends SmallsMigration> migrations, String appliedBy) {
			return new Settings(this.dataSource, migrations, List.of(), List.of(), List.of(), List.of(), this.table,
					this.outOfOrder, this.lockTimeout, this.lockStrategy, this.lockLease, this.seedGuard, this.dialect,
					appliedBy, this.callbacks, this.schema, this.migrationTimeout, this.editedMigrations,
					this.recordSchema, this.driftIgnoredTables, this.lintMode, this.lintMapped, this.lintLargeTableRows,
					this.safeRewrites, this.ddlLockTimeout, this.ddlStatementTimeout, this.ddlLockRetries,
					this.ddlRetryBackoff, this.flywayHistory, this.liquibaseHistory, this.contractWait,
					this.instanceTimeout);
		}

		/**
		 * These settings for a run on a scratch schema that smalls drops afterwards (a rehearsal,
		 * a squash's replay): its migrations run as they would here, with nothing of the
		 * application's around them (no seeds, lint, drift recording or callbacks of its own).
		 * @param scratch where to run
		 * @param migrations the migrations
		 * @param appliedBy who the scratch history says applied them
		 * @param callbacks the run's callbacks
		 * @return the settings
		 */
		Settings onScratch(Scratch scratch, List<? extends SmallsMigration> migrations, String appliedBy,
				List<SmallsCallback> callbacks) {
			return new Settings(scratch.dataSource(), migrations, List.of(), List.of(), List.of(), List.of(),
					this.table, this.outOfOrder, this.lockTimeout, this.lockStrategy, this.lockLease, SeedGuard.ALLOW,
					this.dialect, appliedBy, callbacks, scratch.schema(), this.migrationTimeout, EditedMigrations.WARN,
					false, List.of(), LintMode.OFF, Set::of, Linter.DEFAULT_LARGE_TABLE_ROWS, this.safeRewrites,
					this.ddlLockTimeout, this.ddlStatementTimeout, this.ddlLockRetries, this.ddlRetryBackoff,
					this.flywayHistory, this.liquibaseHistory, Duration.ZERO, this.instanceTimeout);
		}

	}

}
