package dev.smalls;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Supplier;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;

import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.util.Assert;

import dev.smalls.dialect.LockStrategy;
import dev.smalls.dialect.SmallsDialect;
import dev.smalls.dialect.SmallsTables;
import dev.smalls.dialect.SqlIdentifiers;
import dev.smalls.dialect.lock.LockRequest;
import dev.smalls.internal.Engine;
import dev.smalls.lint.LintMode;
import dev.smalls.lint.LintResult;
import dev.smalls.lint.LintRules;
import dev.smalls.lint.Linter;
import dev.smalls.schema.SquashResult;

/**
 * Applies and rolls back {@link SmallsMigration}s against one {@link DataSource}, keeping a
 * history table of what is applied.
 * <p>
 * Every call works on one connection of its own. Changes run under a database-wide lock
 * that dies with its holder; each migration and its history row commit in one
 * Spring-managed transaction. Calls return what they did and print nothing; they throw a
 * {@link SmallsValidationException} when nothing ran because the request or the
 * migrations do not fit, a {@link SmallsMigrationException} when a step failed, and a
 * {@link SmallsLockException} when another instance kept the lock too long.
 * <p>
 * Without Spring Boot:
 * <pre class="code">
 * SmallsMigrator migrator = SmallsMigrator.builder(dataSource)
 *     .migrations(new M0001CreateUsers(), new M0002AddEmail())
 *     .build();
 * migrator.migrate();
 * </pre>
 */
public final class SmallsMigrator {

	/** How old a running instance's heartbeat may be, unless set. */
	public static final Duration DEFAULT_INSTANCE_TIMEOUT = Duration.ofMinutes(1);

	private final Engine engine;

	private final Supplier<? extends @Nullable PlatformTransactionManager> dataTransactionManager;

	private SmallsMigrator(Builder builder) {
		this.dataTransactionManager = builder.dataTransactionManager;
		this.engine = new Engine(new Engine.Settings(builder.dataSource, builder.allMigrations(), builder.initializers,
				builder.seeders, builder.initScripts, builder.seedScripts, builder.table, builder.outOfOrder,
				builder.lockTimeout, builder.lockStrategy, builder.lockLease, builder.seedGuard, builder.dialect,
				builder.appliedBy, builder.callbacks, builder.schema, builder.migrationTimeout,
				builder.editedMigrations, builder.recordSchema, builder.driftIgnoredTables, builder.lintMode,
				builder.lintMapped, builder.lintLargeTableRows, builder.safeRewrites, builder.ddlLockTimeout,
				builder.ddlStatementTimeout, builder.ddlLockRetries, builder.ddlRetryBackoff, builder.flywayHistory,
				builder.liquibaseHistory, builder.contractWait, builder.instanceTimeout));
	}

	/**
	 * Start building a migrator for a data source.
	 * @param dataSource the database to migrate
	 * @return a builder
	 */
	public static Builder builder(DataSource dataSource) {
		return new Builder(dataSource);
	}

	/**
	 * The data migrations ({@link DataMigration}): their progress, running them, pausing,
	 * resuming and cancelling them.
	 * @return the data migrations, with the default lease
	 */
	public SmallsDataMigrations dataMigrations() {
		return new SmallsDataMigrations(this, SmallsDataMigrations.DEFAULT_LEASE);
	}

	/**
	 * Announce this instance of the application: which release it runs and what it maps (the
	 * names given to {@link Builder#lintMapped}, such as the JPA model's), recorded with a
	 * heartbeat beside the history. A contract step ({@link Contract}) waits or refuses while a
	 * running instance maps what it removes. Keep the announcement alive with
	 * {@link InstanceAnnouncement#heartbeat()}, more often than the instance timeout, and close
	 * it when the instance stops; the Spring Boot starter does both.
	 * @param release the release this instance runs, e.g. {@code 1.4.0}
	 * @return the announcement
	 */
	public InstanceAnnouncement announce(String release) {
		return this.engine.announce(release);
	}

	/**
	 * The instances that announced themselves and whose heartbeat is more recent than the
	 * instance timeout.
	 * @return them, oldest first
	 */
	public List<RunningInstance> runningInstances() {
		return this.engine.runningInstances();
	}

	boolean hasDataMigrations() {
		return this.engine.hasDataMigrations();
	}

	List<DataMigrationProgress> dataProgress() {
		return this.engine.dataProgress();
	}

	List<DataMigrationProgress> runData(Duration lease, Consumer<DataMigrationProgress> listener,
			BooleanSupplier stopped) {
		return this.engine.runData(lease, this.dataTransactionManager.get(), listener, stopped);
	}

	DataMigrationProgress changeData(int sequence, String action, String by) {
		return this.engine.changeData(sequence, action, by);
	}

	/**
	 * Every migration known to the code or the database, and the current sequence. Reads the
	 * history without taking the lock, and creates nothing.
	 * @return the status
	 */
	public MigrationStatus status() {
		return this.engine.status();
	}

	/**
	 * Whether another instance holds the migration lock, and who. Finds out by trying to take
	 * the lock without waiting (and releasing it at once).
	 * @return the lock's status
	 */
	public LockStatus lockStatus() {
		return this.engine.lockStatus();
	}

	/**
	 * Repair a schema migration that a killed process left part-way on a database that
	 * commits DDL at once: undo exactly the operations of it that took effect (found from the
	 * progress it recorded and, for the one in doubt, from the schema), so that migrate can run
	 * it again. An interrupted rollback is repaired by redoing what it had undone. Runs under
	 * the lock.
	 * @param sequence the interrupted migration's sequence
	 * @return what was undone
	 * @throws SmallsValidationException if the migration is not interrupted, or the code that
	 * would repair it is not the code that ran; nothing ran
	 */
	public RepairResult repair(int sequence) {
		return this.engine.repair(sequence);
	}

	/**
	 * Mark a database that smalls never migrated as having the schema of migrations 1 to
	 * {@code sequence} already (built by hand, or by a tool smalls replaces), without running
	 * anything: the migrations of the code up to it are recorded as applied by the baseline,
	 * with a row at {@code sequence} itself if the code has none there, and the schema as it
	 * is recorded for drift checks when runs record it ({@link Builder#recordSchema(boolean)}).
	 * Migrations above it then run as usual; a rollback stops at
	 * the baseline. Only smalls' own tables are written. Runs under the lock.
	 * @param sequence the last sequence the schema already has, 1 or more
	 * @return what was recorded
	 * @throws SmallsValidationException if smalls' history is not empty (run again, it refuses:
	 * the database has its baseline); nothing was recorded
	 */
	public AdoptionResult baseline(int sequence) {
		return this.engine.baseline(sequence);
	}

	/**
	 * Record what Flyway applied, from its history table, in smalls' history, so that migrate
	 * runs none of it again: each successful versioned migration (not undone or deleted
	 * since) at the sequence of its version, named after its description in snake case as a
	 * SQL-file migration {@code V<n>__<description>.sql} would be, its origin giving Flyway's
	 * type, script and checksum; a Flyway baseline as a smalls baseline. Java migrations are
	 * listed with how to port them; repeatable ones are reported, not recorded. Rows with an
	 * origin need no code: status shows them applied. Only smalls' own tables are written.
	 * Runs under the lock; run again, it records what Flyway applied since, if anything.
	 * @param options where Flyway's table is, and sequences for versions that are not whole
	 * numbers
	 * @return what was recorded
	 * @throws SmallsValidationException if the table is missing or not Flyway's, a migration
	 * failed, a version has no sequence, or smalls' history has another migration at an
	 * adopted sequence; nothing was recorded
	 */
	public AdoptionResult adoptFlyway(FlywayAdoption options) {
		return this.engine.adoptFlyway(options);
	}

	/**
	 * Record what Liquibase applied as one baseline (at {@link LiquibaseAdoption#sequence()},
	 * 0 by default): the change log is frozen, and new changes are smalls migrations. Only
	 * smalls' own tables are written. Runs under the lock; run again, it changes nothing.
	 * @param options where Liquibase's tables are, and the baseline's sequence
	 * @return what was recorded
	 * @throws SmallsValidationException if the table is missing, Liquibase's lock is held, a
	 * change set is recorded as failed or skipped, {@link LiquibaseAdoption#pendingChangeSets()
	 * change sets are pending}, or smalls' history has another migration at the baseline's
	 * sequence; nothing was recorded
	 */
	public AdoptionResult adoptLiquibase(LiquibaseAdoption options) {
		return this.engine.adoptLiquibase(options);
	}

	/**
	 * Record the checksum an applied migration's code gives now, after a person checked that
	 * its edit is safe ({@code smalls repair --accept <sequence>}): it is no longer
	 * {@link MigrationState#EDITED}. Only the history row's checksum changes; nothing runs.
	 * Runs under the lock.
	 * @param sequence the edited migration's sequence
	 * @return the migration as now recorded
	 * @throws SmallsValidationException if the code has no such migration, it is not applied,
	 * or it is code without a {@link SmallsMigration#checksum()} (whose edits smalls cannot
	 * tell); nothing was changed
	 */
	public MigrationInfo acceptChecksum(int sequence) {
		return this.engine.acceptChecksum(sequence);
	}

	/**
	 * How the live schema differs from the schema the history says it should have (what
	 * Flyway, Liquibase and Atlas keep for their paid editions): every extra, missing or
	 * different table, column, type, nullability, default, index, unique constraint and
	 * foreign key, smalls' own tables and the {@link Builder#driftIgnoredTables ignored ones}
	 * aside. The schema to compare with is the one recorded when the last migrate or rollback
	 * that changed something ended: the tables that run changed as it left them, every other
	 * table as recorded before it, so a hand change made before a run is still reported after
	 * it. Reads only.
	 * @return the drift, or that nothing was recorded yet
	 */
	public DriftResult drift() {
		return this.engine.drift();
	}

	/**
	 * Record the live schema as the one the history says it should have, once a person has
	 * checked its drift and keeps it ({@code smalls drift --accept}). Only smalls' schema table
	 * changes. Runs under the lock.
	 * @return the drift that was accepted
	 */
	public DriftResult acceptDrift() {
		return this.engine.acceptDrift();
	}

	/**
	 * The exact SQL of every pending migration, code migrations included, in order (what
	 * Flyway keeps for its paid dry runs): smalls runs them where nothing is kept and records
	 * every statement they send on the connection it binds, so {@code JdbcTemplate},
	 * {@code JdbcClient}, {@code NamedParameterJdbcTemplate} and plain JDBC on the migrated
	 * {@code DataSource} are all seen. Where DDL is transactional (PostgreSQL, SQLite) they run
	 * in the migrated database in one transaction that is rolled back; where it commits at
	 * once (MariaDB/MySQL, H2, HSQLDB) on a scratch schema, after the applied migrations were
	 * replayed there (so they see the schema, not the data). A migration that is not
	 * transactional does not run: a schema migration's statements are shown from its
	 * operations. Nothing of the migrated database changes, but in the rolled-back
	 * transaction the migrations take the locks they take, and sequences they advance stay
	 * advanced.
	 * @return the plan
	 */
	public MigrationPlan plan() {
		return this.engine.plan();
	}

	/**
	 * Lint the pending migrations: find DDL and statements that lock a busy table for long (an
	 * index built without {@code CONCURRENTLY}, a foreign key validated inline, a type change
	 * that rewrites the table...), each with why it locks, for how long, and the safe way to
	 * write it, for the database's rules ({@link LintRules}), with severities from its tables'
	 * sizes. A schema migration's statements are written from its operations; a code
	 * migration's are captured by running the pending migrations where nothing is kept, as
	 * {@link #plan()} does, which happens only if there is one.
	 * @return what was found
	 * @throws SmallsException if a migration acknowledges a rule that does not exist
	 */
	public LintResult lint() {
		return this.engine.lint(null);
	}

	/**
	 * Lint the pending migrations with the statements a {@link #plan()} made just before
	 * captured, so that code migrations do not run a second time.
	 * @param plan the plan of the pending migrations
	 * @return what was found
	 * @throws SmallsException if a migration acknowledges a rule that does not exist
	 */
	public LintResult lint(MigrationPlan plan) {
		return this.engine.lint(plan);
	}

	/**
	 * Rehearse the pending migrations' rollbacks where nothing is kept: on a scratch schema
	 * (a database on MariaDB/MySQL, a temporary file on SQLite) smalls applies the migrations
	 * the database has, then the pending ones, rolls those back newest first and applies them
	 * again, comparing the schema after every step. A rollback that forgets an index, a
	 * default or a foreign key is named with the object. The migrated database is not
	 * touched. Needs the right to create a schema.
	 * @return what was rehearsed and found
	 */
	public RehearsalResult rehearse() {
		return this.engine.rehearse(false);
	}

	/**
	 * Rehearse every migration's rollback, from an empty scratch schema, as {@link #rehearse()}
	 * does for the pending ones: what a CI build runs to check them all.
	 * @return what was rehearsed and found
	 */
	public RehearsalResult rehearseAll() {
		return this.engine.rehearse(true);
	}

	/**
	 * Squash the migrations {@code 1..through} into the operations of one
	 * {@link dev.smalls.schema.SquashMigration}: they are replayed on a scratch schema (a
	 * scratch database on MariaDB/MySQL), its tables read, and built again from the operations
	 * on a second scratch schema to find anything they would not carry. The history is read
	 * under the lock; the migrated database is not changed. Every migration up to
	 * {@code through} must be applied here, unedited. Needs the right to create a schema.
	 * @param through the last migration to squash
	 * @return the operations, the replaced migrations' history rows, and what is not carried
	 * @throws SmallsValidationException if the database or the code is not ready for it
	 */
	public SquashResult squash(int through) {
		return this.engine.squash(through);
	}

	/**
	 * The SQL a migration would run on this database, or its rollback, without running it (the
	 * counterpart of Django's {@code sqlmigrate}). Only a schema migration's operations can be
	 * written out; for a migration of code the preview says so.
	 * @param sequence the migration's sequence
	 * @param rollback whether to show its rollback
	 * @return the statements
	 * @throws SmallsValidationException if the code has no migration with that sequence
	 */
	public SqlPreview sql(int sequence, boolean rollback) {
		return this.engine.sql(sequence, rollback);
	}

	/**
	 * The name of the history table.
	 * @return the table name
	 */
	public String getTable() {
		return this.engine.table();
	}

	/**
	 * The database this migrator migrates, for tools that read it beside smalls (such as the
	 * check of Liquibase's pending change sets before an adoption).
	 * @return the data source
	 */
	public DataSource getDataSource() {
		return this.engine.dataSource();
	}

	/**
	 * Where Flyway's history is looked for: by the guard before a first migrate, and by
	 * {@code smalls adopt flyway} unless told otherwise
	 * ({@link Builder#foreignHistories}).
	 * @return the table and schema
	 */
	public FlywayAdoption getFlywayHistory() {
		return this.engine.flywayHistory();
	}

	/**
	 * Where Liquibase's change log and lock tables are looked for: by the guard before a first
	 * migrate, and by {@code smalls adopt liquibase} unless told otherwise
	 * ({@link Builder#foreignHistories}).
	 * @return the tables and schema
	 */
	public LiquibaseAdoption getLiquibaseHistory() {
		return this.engine.liquibaseHistory();
	}

	/**
	 * The migrations in the code, a squash included, for tools that look at them beside the
	 * history (such as the check for migration sources written and not built).
	 * @return the migrations, unmodifiable, in the order given
	 */
	public List<SmallsMigration> getMigrations() {
		return this.engine.migrations();
	}

	/**
	 * The schema this migrator works in.
	 * @return the schema, or {@code null} for the connection's
	 */
	public @Nullable String getSchema() {
		return this.engine.schema();
	}

	/**
	 * Apply every pending migration, in sequence order, as one batch.
	 * @return what was applied
	 * @throws SmallsValidationException if the migrations cannot be applied as they are;
	 * nothing ran
	 * @throws SmallsMigrationException if a migration failed; the ones before it stay
	 * applied
	 * @throws SmallsLockException if another instance held the lock too long
	 */
	public MigrateResult migrate() {
		return this.engine.migrate(Engine.EVERYTHING);
	}

	/**
	 * Apply every pending migration up to and including {@code target}, as one batch.
	 * @param target the highest sequence to apply
	 * @return what was applied
	 * @see #migrate()
	 */
	public MigrateResult migrate(int target) {
		return this.engine.migrate(target);
	}

	/**
	 * Roll back, newest first, every applied migration whose sequence is above
	 * {@code target}; {@code target} itself stays applied, and 0 rolls back everything.
	 * @param target the sequence to return to
	 * @return what was rolled back
	 * @throws SmallsValidationException if the target is above the current sequence, or a
	 * migration to roll back is missing from the code; nothing ran
	 * @throws SmallsMigrationException if a rollback failed; the ones before it stay rolled
	 * back
	 */
	public RollbackResult rollback(int target) {
		return this.engine.rollback(target);
	}

	/**
	 * Roll back the migrations of the last {@code batches} batches, newest first.
	 * @param batches how many batches, 1 or more
	 * @return what was rolled back
	 * @see #rollback(int)
	 */
	public RollbackResult rollbackBatches(int batches) {
		return this.engine.rollbackBatches(batches);
	}

	/**
	 * Run the init scripts, then the {@link SmallsInitializer}s, in one transaction under
	 * the lock.
	 * @return the steps that ran
	 */
	public StepsResult init() {
		return this.engine.init();
	}

	/**
	 * Run the seed scripts, then the {@link SmallsSeeder}s, in one transaction under the
	 * lock, unless the {@link SeedGuard} refuses.
	 * @return the steps that ran
	 * @throws SmallsValidationException if the guard refuses; nothing ran
	 */
	public StepsResult seed() {
		return seed(false);
	}

	/**
	 * Run the seed scripts, then the {@link SmallsSeeder}s, in one transaction under the
	 * lock.
	 * @param force run even where the {@link SeedGuard} refuses
	 * @return the steps that ran
	 */
	public StepsResult seed(boolean force) {
		return this.engine.seed(force);
	}

	/**
	 * Builds a {@link SmallsMigrator}.
	 */
	public static final class Builder {

		private final DataSource dataSource;

		private List<? extends SmallsMigration> migrations = List.of();

		private List<String> sqlLocations = List.of();

		private Map<String, String> sqlPlaceholders = Map.of();

		private List<SmallsInitializer> initializers = List.of();

		private List<SmallsSeeder> seeders = List.of();

		private List<SqlScript> initScripts = List.of();

		private List<SqlScript> seedScripts = List.of();

		private String table = SmallsTables.DEFAULT_HISTORY;

		private boolean outOfOrder;

		private Duration lockTimeout = Duration.ofMinutes(1);

		private LockStrategy lockStrategy = LockStrategy.AUTO;

		private Duration lockLease = LockRequest.DEFAULT_LEASE;

		private SeedGuard seedGuard = SeedGuard.ALLOW;

		private @Nullable SmallsDialect dialect;

		private @Nullable String appliedBy;

		private List<SmallsCallback> callbacks = List.of();

		private @Nullable String schema;

		private @Nullable Duration migrationTimeout;

		private boolean safeRewrites;

		private EditedMigrations editedMigrations = EditedMigrations.FAIL;

		private boolean recordSchema;

		private List<String> driftIgnoredTables = List.of();

		private LintMode lintMode = LintMode.WARN;

		private FlywayAdoption flywayHistory = FlywayAdoption.defaults();

		private LiquibaseAdoption liquibaseHistory = LiquibaseAdoption.defaults();

		private Supplier<Set<String>> lintMapped = Set::of;

		private long lintLargeTableRows = Linter.DEFAULT_LARGE_TABLE_ROWS;

		private @Nullable Duration ddlLockTimeout;

		private @Nullable Duration ddlStatementTimeout;

		private int ddlLockRetries;

		private Duration ddlRetryBackoff = Duration.ofSeconds(1);

		private Duration contractWait = Duration.ZERO;

		private Duration instanceTimeout = DEFAULT_INSTANCE_TIMEOUT;

		private Supplier<? extends @Nullable PlatformTransactionManager> dataTransactionManager = () -> null;

		private Builder(DataSource dataSource) {
			Assert.notNull(dataSource, "'dataSource' must not be null");
			this.dataSource = dataSource;
		}

		/**
		 * The migrations, in any order.
		 * @param migrations the migrations
		 * @return this builder
		 */
		public Builder migrations(Collection<? extends SmallsMigration> migrations) {
			this.migrations = List.copyOf(migrations);
			return this;
		}

		/**
		 * The migrations, in any order.
		 * @param migrations the migrations
		 * @return this builder
		 */
		public Builder migrations(SmallsMigration... migrations) {
			return migrations(List.of(migrations));
		}

		/**
		 * Where SQL-file migrations ({@code V<n>__<description>.sql}, with an optional
		 * {@code U<n>__<description>.sql} rollback) are, beside the {@link #migrations}: see
		 * {@link SqlFileMigrations}. Each location must exist. Default: none.
		 * @param locations e.g. {@code classpath:db/migration}, {@code file:/opt/app/sql} or
		 * {@code filesystem:/opt/app/sql}
		 * @return this builder
		 */
		public Builder sqlLocations(List<String> locations) {
			this.sqlLocations = List.copyOf(locations);
			return this;
		}

		/**
		 * Where SQL-file migrations are.
		 * @param locations the locations
		 * @return this builder
		 * @see #sqlLocations(List)
		 */
		public Builder sqlLocations(String... locations) {
			return sqlLocations(List.of(locations));
		}

		/**
		 * The values of the {@code ${name}} placeholders in SQL-file migrations. A file that
		 * uses a placeholder with no value here is refused.
		 * @param placeholders values by name
		 * @return this builder
		 */
		public Builder sqlPlaceholders(Map<String, String> placeholders) {
			this.sqlPlaceholders = Map.copyOf(placeholders);
			return this;
		}

		private List<SmallsMigration> allMigrations() {
			List<SmallsMigration> all = new ArrayList<>(this.migrations);
			if (!this.sqlLocations.isEmpty()) {
				all.addAll(SqlFileMigrations.load(this.sqlLocations, this.sqlPlaceholders,
						new DefaultResourceLoader()));
			}
			return all;
		}

		/**
		 * The init steps run after the init scripts, in order.
		 * @param initializers the steps
		 * @return this builder
		 */
		public Builder initializers(List<SmallsInitializer> initializers) {
			this.initializers = List.copyOf(initializers);
			return this;
		}

		/**
		 * The seed steps run after the seed scripts, in order.
		 * @param seeders the steps
		 * @return this builder
		 */
		public Builder seeders(List<SmallsSeeder> seeders) {
			this.seeders = List.copyOf(seeders);
			return this;
		}

		/**
		 * The SQL scripts {@link SmallsMigrator#init()} runs.
		 * @param scripts the scripts
		 * @return this builder
		 */
		public Builder initScripts(List<SqlScript> scripts) {
			this.initScripts = List.copyOf(scripts);
			return this;
		}

		/**
		 * The SQL scripts {@link SmallsMigrator#seed(boolean)} runs.
		 * @param scripts the scripts
		 * @return this builder
		 */
		public Builder seedScripts(List<SqlScript> scripts) {
			this.seedScripts = List.copyOf(scripts);
			return this;
		}

		/**
		 * The history table's name (default {@code smalls_history}), optionally
		 * schema-qualified.
		 * @param table the name
		 * @return this builder
		 */
		public Builder table(String table) {
			this.table = table;
			return this;
		}

		/**
		 * Whether a pending migration below the current sequence may be applied (default
		 * {@code false}: it is an error).
		 * @param outOfOrder whether to allow it
		 * @return this builder
		 */
		public Builder outOfOrder(boolean outOfOrder) {
			this.outOfOrder = outOfOrder;
			return this;
		}

		/**
		 * How long to wait for another instance's migration lock (default one minute).
		 * @param lockTimeout the timeout
		 * @return this builder
		 */
		public Builder lockTimeout(Duration lockTimeout) {
			Assert.isTrue(!lockTimeout.isNegative(), "'lockTimeout' must not be negative");
			this.lockTimeout = lockTimeout;
			return this;
		}

		/**
		 * How the migration lock is held (default {@link LockStrategy#AUTO}: the database's
		 * choice). Use {@link LockStrategy#TRANSACTION} behind PgBouncer in transaction mode,
		 * {@link LockStrategy#LEASE} on a Galera cluster.
		 * @param lockStrategy the strategy
		 * @return this builder
		 */
		public Builder lockStrategy(LockStrategy lockStrategy) {
			Assert.notNull(lockStrategy, "'lockStrategy' must not be null");
			this.lockStrategy = lockStrategy;
			return this;
		}

		/**
		 * How long a {@link LockStrategy#LEASE lease} lasts unless renewed (default 30 s): the
		 * longest a killed instance keeps the others waiting. Renewed every third of it.
		 * @param lockLease the lease
		 * @return this builder
		 */
		public Builder lockLease(Duration lockLease) {
			Assert.isTrue(lockLease.toMillis() >= 300, "'lockLease' must be at least 300 ms");
			this.lockLease = lockLease;
			return this;
		}

		/**
		 * The longest one migration (or its rollback, init, seed) may run before it is stopped
		 * and rolled back (default: no limit). A hung migration otherwise holds the migration
		 * lock until it ends. Every statement it runs through Spring JDBC ({@code JdbcTemplate},
		 * {@code JdbcClient}, {@code NamedParameterJdbcTemplate}) gets the time left as its
		 * query timeout, and on PostgreSQL every statement, however it is sent, is bounded by
		 * {@code statement_timeout} (or the {@link #ddlStatementTimeout}, if smaller).
		 * @param migrationTimeout the limit, at least one second
		 * @return this builder
		 */
		public Builder migrationTimeout(Duration migrationTimeout) {
			Assert.isTrue(migrationTimeout.toMillis() >= 1000, "'migrationTimeout' must be at least 1 second");
			this.migrationTimeout = migrationTimeout;
			return this;
		}

		/**
		 * The longest a statement of a migration (or its rollback; code or schema migration)
		 * may wait for a lock before it gives up (default: the database's own setting). An
		 * {@code ALTER TABLE} that waits for a table another session is reading makes every
		 * later query of that table wait behind it: with this limit, the application's queries
		 * wait at most this long. A step that gave up is retried if its work was rolled back
		 * (see {@link #ddlLockRetries}).
		 * <p>
		 * PostgreSQL: {@code lock_timeout}, for the step's transaction only (for the session
		 * around a migration that is not transactional). MariaDB/MySQL: {@code lock_wait_timeout}
		 * (metadata locks) and {@code innodb_lock_wait_timeout} (row locks), in whole seconds,
		 * rounded up, set for the session before each step and set back to their values after
		 * it. H2, HSQLDB and SQLite: ignored. Never applied to smalls' own statements between
		 * steps, to init or seed, or to a connection handed back to the pool.
		 * @param lockTimeout the limit, positive
		 * @return this builder
		 */
		public Builder ddlLockTimeout(Duration lockTimeout) {
			Assert.notNull(lockTimeout, "'ddlLockTimeout' must not be null");
			Assert.isTrue(lockTimeout.toMillis() >= 1, "'ddlLockTimeout' must be at least 1 ms, was " + lockTimeout);
			this.ddlLockTimeout = lockTimeout;
			return this;
		}

		/**
		 * The longest one statement of a migration (or its rollback) may run before the database
		 * cancels it (default: none). Unlike {@link #migrationTimeout}, which bounds a whole
		 * migration (and init and seed), this bounds each statement of a migration step, and
		 * only where the database can: where both are set, a statement gets the smaller. A
		 * statement that runs out of time fails the step, which is not retried.
		 * <p>
		 * PostgreSQL: {@code statement_timeout}, for the step's transaction (for the session
		 * around a migration that is not transactional). MariaDB: {@code max_statement_time},
		 * for the session, set back after each step. MySQL, H2, HSQLDB and SQLite: ignored
		 * (use {@code migrationTimeout}).
		 * @param statementTimeout the limit, at least one second
		 * @return this builder
		 */
		public Builder ddlStatementTimeout(Duration statementTimeout) {
			Assert.notNull(statementTimeout, "'ddlStatementTimeout' must not be null");
			Assert.isTrue(statementTimeout.toMillis() >= 1000,
					"'ddlStatementTimeout' must be at least 1 second, was " + statementTimeout);
			this.ddlStatementTimeout = statementTimeout;
			return this;
		}

		/**
		 * How many times a migration step that gave up waiting for a lock (see
		 * {@link #ddlLockTimeout}) runs again (default 0). Only a step whose work was wholly
		 * rolled back is retried: a transactional migration, or on MariaDB/MySQL a schema
		 * migration whose operations smalls undid. A migration whose work was partly committed
		 * (not transactional, or DDL that committed at once) stops, marked as interrupted, for
		 * {@code repair}. Each retry is logged as a warning naming the sessions that held the
		 * lock; the pauses between attempts are set by {@link #ddlRetryBackoff}. The migration
		 * lock stays held throughout (on PostgreSQL, where each transaction takes it, it is
		 * free between attempts, and a step another instance applied meanwhile is not run again).
		 * @param lockRetries the retries, 0 to 100
		 * @return this builder
		 */
		public Builder ddlLockRetries(int lockRetries) {
			Assert.isTrue(lockRetries >= 0 && lockRetries <= 100,
					"'ddlLockRetries' must be between 0 and 100, was " + lockRetries);
			this.ddlLockRetries = lockRetries;
			return this;
		}

		/**
		 * The pause before the first retry of a step that gave up waiting for a lock (default
		 * one second). Each next pause doubles, up to 30 seconds (or this pause, if longer),
		 * and a random part of each, up to half, is left out so that instances do not retry in
		 * step: with the default, about 0.5-1 s, 1-2 s, 2-4 s...
		 * @param retryBackoff the first pause, 0 to 10 minutes
		 * @return this builder
		 */
		public Builder ddlRetryBackoff(Duration retryBackoff) {
			Assert.notNull(retryBackoff, "'ddlRetryBackoff' must not be null");
			Assert.isTrue(!retryBackoff.isNegative() && retryBackoff.compareTo(Duration.ofMinutes(10)) <= 0,
					"'ddlRetryBackoff' must be between 0 and 10 minutes, was " + retryBackoff);
			this.ddlRetryBackoff = retryBackoff;
			return this;
		}

		/**
		 * What decides whether seeding is allowed (default: always).
		 * @param seedGuard the guard
		 * @return this builder
		 */
		public Builder seedGuard(SeedGuard seedGuard) {
			this.seedGuard = seedGuard;
			return this;
		}

		/**
		 * The dialect to use instead of detecting one from the connection.
		 * @param dialect the dialect
		 * @return this builder
		 */
		public Builder dialect(SmallsDialect dialect) {
			this.dialect = dialect;
			return this;
		}

		/**
		 * Who is recorded as applying migrations (default {@code user@host}).
		 * @param appliedBy the name
		 * @return this builder
		 */
		public Builder appliedBy(String appliedBy) {
			this.appliedBy = appliedBy;
			return this;
		}

		/**
		 * Run in a schema of its own, as a schema-per-tenant application does: the schema is
		 * the default of the run's connection (PostgreSQL's {@code search_path}, the database
		 * on MariaDB/MySQL, H2's and HSQLDB's schema), so migrations need no tenant-specific
		 * SQL, and the history table and the lock live in it. The schema must exist.
		 * @param schema the schema, an identifier
		 * @return this builder
		 */
		public Builder schema(String schema) {
			// The name goes into SQL text: an identifier and nothing else.
			Assert.isTrue(SqlIdentifiers.isPlain(schema), () -> "'" + schema + "' is not a usable schema name: use "
					+ "letters, digits and underscores, at most " + SqlIdentifiers.MAX_LENGTH + " characters, not "
					+ "starting with a digit");
			this.schema = schema;
			return this;
		}

		/**
		 * The callbacks told of every migrate and rollback run, in order.
		 * @param callbacks the callbacks
		 * @return this builder
		 */
		public Builder callbacks(List<? extends SmallsCallback> callbacks) {
			this.callbacks = new ArrayList<>(callbacks);
			return this;
		}

		/**
		 * The callbacks told of every migrate and rollback run, in order.
		 * @param callbacks the callbacks
		 * @return this builder
		 */
		public Builder callbacks(SmallsCallback... callbacks) {
			return callbacks(List.of(callbacks));
		}

		/**
		 * What to do when an applied migration was edited since it was applied
		 * ({@link MigrationState#EDITED}): refuse to migrate and roll back (the default), or
		 * warn and go on.
		 * @param editedMigrations what to do
		 * @return this builder
		 */
		public Builder editedMigrations(EditedMigrations editedMigrations) {
			Assert.notNull(editedMigrations, "'editedMigrations' must not be null");
			this.editedMigrations = editedMigrations;
			return this;
		}

		/**
		 * Where Flyway's and Liquibase's histories are, for the guard before a database's first
		 * migrate: while smalls' history is empty, a migrate is refused if either holds applied
		 * migrations, until {@link SmallsMigrator#adoptFlyway} or
		 * {@link SmallsMigrator#adoptLiquibase} records them (a kept SQL folder would run again).
		 * By default their default tables, {@code flyway_schema_history} and
		 * {@code DATABASECHANGELOG}, in the migrator's schema; the starter sets them from
		 * {@code spring.flyway.*} and {@code spring.liquibase.*}.
		 * @param flyway the table and schema of Flyway's history (its mappings are not used)
		 * @param liquibase the table and schema of Liquibase's change log
		 * @return this builder
		 */
		public Builder foreignHistories(FlywayAdoption flyway, LiquibaseAdoption liquibase) {
			Assert.notNull(flyway, "'flyway' must not be null");
			Assert.notNull(liquibase, "'liquibase' must not be null");
			this.flywayHistory = flyway;
			this.liquibaseHistory = liquibase;
			return this;
		}

		/**
		 * Whether a migrate or rollback that changes something records the schema at its end
		 * (in {@code <history>_schema}), for {@link SmallsMigrator#drift()} to compare with. Off
		 * by default: recording reads the schema before the run's first step and after its
		 * last, which costs every run that migrates (about 40 ms on PostgreSQL for a small
		 * schema, a second for a thousand tables), never a start-up with nothing pending.
		 * @param recordSchema whether to record it
		 * @return this builder
		 */
		public Builder recordSchema(boolean recordSchema) {
			this.recordSchema = recordSchema;
			return this;
		}

		/**
		 * Whether every operation of every schema migration runs in its safe form, one that
		 * lets the application go on writing to the table while the change runs, as if each
		 * migration recorded its operations inside {@code Schema.safely(..)}: on PostgreSQL an
		 * index is built {@code CONCURRENTLY}, a foreign key added {@code NOT VALID} and then
		 * validated, a {@code NOT NULL} proved by a validated check first (such a migration then
		 * runs outside a transaction); on MariaDB and MySQL each change asks for
		 * {@code ALGORITHM=INPLACE, LOCK=NONE}, and one the server cannot make that way is
		 * refused with what to do instead; other databases have no safe forms. The schema, the
		 * rollbacks and the checksums are the same either way. Off by default.
		 * @param safeRewrites whether to rewrite every operation that has a safe form
		 * @return this builder
		 */
		public Builder safeRewrites(boolean safeRewrites) {
			this.safeRewrites = safeRewrites;
			return this;
		}

		/**
		 * Tables a drift check leaves out: tables the application manages itself.
		 * @param tables their names, in any case
		 * @return this builder
		 */
		public Builder driftIgnoredTables(List<String> tables) {
			this.driftIgnoredTables = List.copyOf(tables);
			return this;
		}

		/**
		 * What {@link SmallsMigrator#migrate()} does with the linter's findings in the pending
		 * schema migrations before it runs them: log them ({@link LintMode#WARN}, the default),
		 * refuse to run while one is a problem ({@link LintMode#FAIL}), or not lint
		 * ({@link LintMode#OFF}).
		 * @param lintMode the mode
		 * @return this builder
		 */
		public Builder lintMode(LintMode lintMode) {
			Assert.notNull(lintMode, "'lintMode' must not be null");
			this.lintMode = lintMode;
			return this;
		}

		/**
		 * The tables and columns the application maps (its JPA model), so that the linter finds
		 * migrations that drop or rename them.
		 * @param tablesAndColumns {@code table} and {@code table.column} names, in any case
		 * @return this builder
		 */
		public Builder lintMapped(Collection<String> tablesAndColumns) {
			Set<String> names = Set.copyOf(tablesAndColumns);
			this.lintMapped = () -> names;
			return this;
		}

		/**
		 * The tables and columns the application maps, read only when something is linted
		 * (reading a JPA model is not free, and most start-ups have nothing pending).
		 * @param tablesAndColumns supplies {@code table} and {@code table.column} names
		 * @return this builder
		 */
		public Builder lintMapped(Supplier<? extends Collection<String>> tablesAndColumns) {
			Assert.notNull(tablesAndColumns, "'tablesAndColumns' must not be null");
			this.lintMapped = () -> Set.copyOf(tablesAndColumns.get());
			return this;
		}

		/**
		 * From how many rows the linter takes a table for large: a lock that lasts while a
		 * smaller table is read is brief, and its finding only a notice. Default 10,000.
		 * @param rows the threshold
		 * @return this builder
		 */
		public Builder lintLargeTableRows(long rows) {
			Assert.isTrue(rows >= 0, "'lintLargeTableRows' must not be negative");
			this.lintLargeTableRows = rows;
			return this;
		}

		/**
		 * How long a migrate waits, before a contract step ({@link Contract}), for running
		 * instances that still map what it removes; then it refuses, naming them.
		 * @param contractWait the wait; none by default (refuse at once)
		 * @return this builder
		 */
		public Builder contractWait(Duration contractWait) {
			if (contractWait.isNegative()) {
				throw new IllegalArgumentException("The contract wait must be 0 or more, not " + contractWait);
			}
			this.contractWait = contractWait;
			return this;
		}

		/**
		 * How old an announced instance's heartbeat may be for it to count as running: an
		 * instance killed without closing its announcement stops counting after this.
		 * @param instanceTimeout the timeout, 1 s or more; 1 minute by default
		 * @return this builder
		 */
		public Builder instanceTimeout(Duration instanceTimeout) {
			if (instanceTimeout.compareTo(Duration.ofSeconds(1)) < 0) {
				throw new IllegalArgumentException("The instance timeout must be 1 s or more, not " + instanceTimeout);
			}
			this.instanceTimeout = instanceTimeout;
			return this;
		}

		/**
		 * The transaction manager a data migration's batches run in, asked each time data
		 * migrations run. With the application's JPA transaction manager (on the migrated
		 * {@code DataSource}), a repository a batch uses reads and writes in the batch's
		 * transaction, which commits with the batch's progress. Without one (the default),
		 * smalls runs each batch in a transaction of its own on a JDBC connection, which
		 * templates on the migrated {@code DataSource} join. The Spring Boot starter gives the
		 * application's JPA transaction manager when its {@code DataSource} is the migrated one.
		 * @param transactionManager gives the transaction manager, or {@code null} for smalls' own
		 * @return this builder
		 */
		public Builder dataTransactionManager(
				Supplier<? extends @Nullable PlatformTransactionManager> transactionManager) {
			Assert.notNull(transactionManager, "'transactionManager' must not be null");
			this.dataTransactionManager = transactionManager;
			return this;
		}

		/**
		 * Build the migrator. Checks the migrations (a problem is logged now, and refused by
		 * every call that would run them), nothing against the database.
		 * @return the migrator
		 * @throws SmallsValidationException if a SQL location does not exist or a SQL file is
		 * not usable (misnamed, an undefined placeholder...)
		 */
		public SmallsMigrator build() {
			return new SmallsMigrator(this);
		}

	}

}
