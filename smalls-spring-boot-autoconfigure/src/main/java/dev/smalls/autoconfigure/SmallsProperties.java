package dev.smalls.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

import dev.smalls.EditedMigrations;
import dev.smalls.SqlFileMigrations;
import dev.smalls.dialect.LockStrategy;
import dev.smalls.dialect.lock.LockRequest;
import dev.smalls.lint.LintMode;
import dev.smalls.lint.Linter;

/**
 * Configuration properties for smalls.
 */
@ConfigurationProperties("smalls")
public class SmallsProperties {

	/**
	 * Whether to apply pending migrations on start-up, before JPA and other database users
	 * start.
	 */
	private boolean enabled;

	/**
	 * Name of the history table, optionally schema-qualified. Created on first use.
	 */
	private String table = "smalls_history";

	/**
	 * Whether a pending migration numbered below the current sequence may be applied. When
	 * false, it stops migrate with an error.
	 */
	private boolean outOfOrder;

	/**
	 * What to do when an applied migration was edited since it was applied (its checksum
	 * differs from the recorded one): 'fail' refuses to migrate and roll back (start-up fails
	 * with advice), 'warn' logs a warning and goes on.
	 */
	private EditedMigrations editedMigrations = EditedMigrations.FAIL;

	/**
	 * How long to wait for another instance that holds the migration lock.
	 */
	private Duration lockTimeout = Duration.ofMinutes(1);

	/**
	 * How the migration lock is held: auto (the database's choice), session (the run's own
	 * database session), transaction (a transaction kept open on a connection of its own, for
	 * poolers in transaction mode such as PgBouncer) or lease (a renewed lease in a table, for
	 * Galera clusters and one-connection pools).
	 */
	private LockStrategy lock = LockStrategy.AUTO;

	/**
	 * How long a lease lasts unless renewed, for the lease lock: the longest a killed instance
	 * keeps the others waiting.
	 */
	private Duration lockLease = LockRequest.DEFAULT_LEASE;

	/**
	 * Longest one migration (or rollback, init, seed) may run before it is stopped and rolled
	 * back, so that a hung migration does not hold the migration lock for ever. At least one
	 * second. By default, none.
	 */
	private @Nullable Duration migrationTimeout;

	/**
	 * Highest sequence to apply on start-up. Later migrations stay pending until migrated
	 * by hand. By default, start-up applies every pending migration.
	 */
	private @Nullable Integer target;

	/**
	 * JDBC URL of the database to migrate. By default, smalls migrates the application's
	 * data source.
	 */
	private @Nullable String url;

	/**
	 * Login user of the database to migrate. With only user and password set, smalls
	 * migrates the application's database as this user.
	 */
	private @Nullable String user;

	/**
	 * Login password of the database to migrate.
	 */
	private @Nullable String password;

	/**
	 * Fully qualified name of the JDBC driver. Auto-detected from the URL by default.
	 */
	private @Nullable String driverClassName;

	private final Init init = new Init();

	private final Seed seed = new Seed();

	private final Sql sql = new Sql();

	private final Create create = new Create();

	private final Generate generate = new Generate();

	private final Drift drift = new Drift();

	private final Lint lint = new Lint();

	private final Schema schema = new Schema();

	private final Tenants tenants = new Tenants();

	private final Ddl ddl = new Ddl();

	private final Data data = new Data();

	private final Contract contract = new Contract();

	/**
	 * Migration sets besides the default one, by name, each its own database and migrations:
	 * smalls.instances.<name>.datasource (a DataSource bean's name) or url, username,
	 * password and driver-class-name; migrations-package, or @SmallsSet("<name>") on the
	 * migrations; table, lock, lock-timeout, lock-lease, out-of-order, edited-migrations,
	 * migration-timeout and enabled, each the top-level one when unset; target.
	 */
	private Map<String, InstanceProperties> instances = new LinkedHashMap<>();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public String getTable() {
		return this.table;
	}

	public void setTable(String table) {
		this.table = table;
	}

	public boolean isOutOfOrder() {
		return this.outOfOrder;
	}

	public void setOutOfOrder(boolean outOfOrder) {
		this.outOfOrder = outOfOrder;
	}

	public EditedMigrations getEditedMigrations() {
		return this.editedMigrations;
	}

	public void setEditedMigrations(EditedMigrations editedMigrations) {
		this.editedMigrations = editedMigrations;
	}

	public Duration getLockTimeout() {
		return this.lockTimeout;
	}

	public void setLockTimeout(Duration lockTimeout) {
		this.lockTimeout = lockTimeout;
	}

	public LockStrategy getLock() {
		return this.lock;
	}

	public void setLock(LockStrategy lock) {
		this.lock = lock;
	}

	public @Nullable Duration getMigrationTimeout() {
		return this.migrationTimeout;
	}

	public void setMigrationTimeout(@Nullable Duration migrationTimeout) {
		this.migrationTimeout = migrationTimeout;
	}

	public Duration getLockLease() {
		return this.lockLease;
	}

	public void setLockLease(Duration lockLease) {
		this.lockLease = lockLease;
	}

	public @Nullable Integer getTarget() {
		return this.target;
	}

	public void setTarget(@Nullable Integer target) {
		this.target = target;
	}

	public @Nullable String getUrl() {
		return this.url;
	}

	public void setUrl(@Nullable String url) {
		this.url = url;
	}

	public @Nullable String getUser() {
		return this.user;
	}

	public void setUser(@Nullable String user) {
		this.user = user;
	}

	public @Nullable String getPassword() {
		return this.password;
	}

	public void setPassword(@Nullable String password) {
		this.password = password;
	}

	public @Nullable String getDriverClassName() {
		return this.driverClassName;
	}

	public void setDriverClassName(@Nullable String driverClassName) {
		this.driverClassName = driverClassName;
	}

	public Init getInit() {
		return this.init;
	}

	public Sql getSql() {
		return this.sql;
	}

	public Seed getSeed() {
		return this.seed;
	}

	public Create getCreate() {
		return this.create;
	}

	public Drift getDrift() {
		return this.drift;
	}

	public Schema getSchema() {
		return this.schema;
	}

	public Generate getGenerate() {
		return this.generate;
	}

	public Lint getLint() {
		return this.lint;
	}

	public Tenants getTenants() {
		return this.tenants;
	}

	public Data getData() {
		return this.data;
	}

	public Contract getContract() {
		return this.contract;
	}

	public Ddl getDdl() {
		return this.ddl;
	}

	public Map<String, InstanceProperties> getInstances() {
		return this.instances;
	}

	public void setInstances(Map<String, InstanceProperties> instances) {
		this.instances = instances;
	}

	/**
	 * The init step.
	 */
	public static class Init {

		static final List<String> DEFAULT_LOCATIONS = List.of("classpath:smalls/init.sql");

		/**
		 * Locations of the SQL scripts that init runs. A missing default script is skipped; a
		 * missing configured one is an error.
		 */
		private List<String> locations = new ArrayList<>(DEFAULT_LOCATIONS);

		public List<String> getLocations() {
			return this.locations;
		}

		public void setLocations(List<String> locations) {
			this.locations = locations;
		}

	}

	/**
	 * SQL-file migrations, Flyway style.
	 */
	public static class Sql {

		static final List<String> DEFAULT_LOCATIONS = List.of(SqlFileMigrations.DEFAULT_LOCATION);

		/**
		 * Locations of SQL-file migrations (V<n>__<description>.sql, with optional
		 * U<n>__<description>.sql rollbacks), searched with their sub-folders: classpath:,
		 * file: or filesystem: folders. A missing default location is skipped; a missing
		 * configured one is an error.
		 */
		private List<String> locations = new ArrayList<>(DEFAULT_LOCATIONS);

		/**
		 * Values of the ${name} placeholders in SQL-file migrations. A file that uses a
		 * placeholder with no value is refused.
		 */
		private Map<String, String> placeholders = new LinkedHashMap<>();

		public List<String> getLocations() {
			return this.locations;
		}

		public void setLocations(List<String> locations) {
			this.locations = locations;
		}

		public Map<String, String> getPlaceholders() {
			return this.placeholders;
		}

		public void setPlaceholders(Map<String, String> placeholders) {
			this.placeholders = placeholders;
		}

	}

	/**
	 * The seed step.
	 */
	public static class Seed {

		static final List<String> DEFAULT_LOCATIONS = List.of("classpath:smalls/seed.sql");

		/**
		 * Locations of the SQL scripts that seed runs. A missing default script is skipped; a
		 * missing configured one is an error.
		 */
		private List<String> locations = new ArrayList<>(DEFAULT_LOCATIONS);

		/**
		 * Profiles in which seed refuses to run unless forced.
		 */
		private List<String> forbiddenProfiles = new ArrayList<>(List.of("prod"));

		public List<String> getLocations() {
			return this.locations;
		}

		public void setLocations(List<String> locations) {
			this.locations = locations;
		}

		public List<String> getForbiddenProfiles() {
			return this.forbiddenProfiles;
		}

		public void setForbiddenProfiles(List<String> forbiddenProfiles) {
			this.forbiddenProfiles = forbiddenProfiles;
		}

	}

	/**
	 * Where the create command writes new migration files.
	 */
	public static class Create {

		/**
		 * Directory of the new migration source files. Defaults to src/main/java/ followed by
		 * the package's path.
		 */
		private @Nullable String directory;

		// Described in additional-spring-configuration-metadata.json: "package" cannot be a field name.
		private @Nullable String packageName;

		public @Nullable String getDirectory() {
			return this.directory;
		}

		public void setDirectory(@Nullable String directory) {
			this.directory = directory;
		}

		public @Nullable String getPackage() {
			return this.packageName;
		}

		public void setPackage(@Nullable String packageName) {
			this.packageName = packageName;
		}

	}

	/**
	 * Drift: how the live schema differs from the one the history says it should have.
	 */
	public static class Drift {

		/**
		 * Whether a migrate or rollback that changes something records the schema at its end,
		 * for drift checks to compare with. It reads the schema before the run's first step
		 * and after its last (about 40 ms per run on PostgreSQL for a small schema), never at
		 * a start-up with nothing pending.
		 */
		private boolean record;

		/**
		 * Tables drift checks leave out, such as tables the application manages itself.
		 * smalls' own tables are always left out.
		 */
		private List<String> ignoredTables = new ArrayList<>();

		/**
		 * Whether the smalls health indicator reads drift and shows it as a detail. Off by
		 * default: it reads the whole schema at every health check.
		 */
		private boolean health;

		public boolean isRecord() {
			return this.record;
		}

		public void setRecord(boolean record) {
			this.record = record;
		}

		public List<String> getIgnoredTables() {
			return this.ignoredTables;
		}

		public void setIgnoredTables(List<String> ignoredTables) {
			this.ignoredTables = ignoredTables;
		}

		public boolean isHealth() {
			return this.health;
		}

		public void setHealth(boolean health) {
			this.health = health;
		}

	}

	/**
	 * The linter, which finds locking DDL in pending migrations.
	 */
	public static class Lint {

		/**
		 * What a migrate does with the linter's findings in the pending schema migrations before
		 * it runs them: 'warn' logs them, 'fail' refuses to run while one is a problem (a
		 * warning or an error not acknowledged), 'off' does not lint.
		 */
		private LintMode mode = LintMode.WARN;

		/**
		 * From how many rows (as the database estimates them) a table is large: a lock that
		 * lasts while a smaller table is read is brief, and its finding only a notice.
		 */
		private long largeTableRows = Linter.DEFAULT_LARGE_TABLE_ROWS;

		/**
		 * Tables and 'table.column's the application maps besides its JPA model (read by
		 * 'smalls lint' once the application has started), for the rules that find migrations
		 * dropping or renaming them.
		 */
		private List<String> mapped = new ArrayList<>();

		public LintMode getMode() {
			return this.mode;
		}

		public void setMode(LintMode mode) {
			this.mode = mode;
		}

		public long getLargeTableRows() {
			return this.largeTableRows;
		}

		public void setLargeTableRows(long largeTableRows) {
			this.largeTableRows = largeTableRows;
		}

		public List<String> getMapped() {
			return this.mapped;
		}

		public void setMapped(List<String> mapped) {
			this.mapped = mapped;
		}

	}

	/**
	 * Contract steps ({@code @Contract}) and the running instances they wait for.
	 */
	public static class Contract {

		/**
		 * Whether this instance announces, once ready, its release and the tables and columns it
		 * maps (its JPA model and smalls.lint.mapped), with a heartbeat, so that a contract step
		 * run elsewhere waits for it.
		 */
		private boolean announce = true;

		/**
		 * The release this instance announces. By default the build's version (build-info), else
		 * 'unknown'.
		 */
		private @Nullable String release;

		/**
		 * How long a migrate waits, before a contract step, for running instances that still map
		 * what it removes; then it refuses, naming them.
		 */
		private Duration wait = Duration.ZERO;

		/**
		 * How old an announced instance's heartbeat may be for it to count as running. This
		 * instance beats every third of it.
		 */
		private Duration instanceTimeout = Duration.ofMinutes(1);

		public boolean isAnnounce() {
			return this.announce;
		}

		public void setAnnounce(boolean announce) {
			this.announce = announce;
		}

		public @Nullable String getRelease() {
			return this.release;
		}

		public void setRelease(@Nullable String release) {
			this.release = release;
		}

		public Duration getWait() {
			return this.wait;
		}

		public void setWait(Duration wait) {
			this.wait = wait;
		}

		public Duration getInstanceTimeout() {
			return this.instanceTimeout;
		}

		public void setInstanceTimeout(Duration instanceTimeout) {
			this.instanceTimeout = instanceTimeout;
		}

	}

	/**
	 * Data migrations ({@code DataMigration}): batched backfills run once the application is
	 * ready.
	 */
	public static class Data {

		/**
		 * Whether to run pending data migrations in the background once the application is
		 * ready (with smalls.enabled=true): it serves while they run. When false, run them with
		 * 'smalls migrate --data'.
		 */
		private boolean enabled = true;

		/**
		 * How long an instance that stopped saying it is alive (a killed pod) keeps a data
		 * migration before another instance takes it over. Keep it well above the longest
		 * batch.
		 */
		private Duration lease = Duration.ofSeconds(30);

		/**
		 * How often an instance whose data migrations are not all done (paused, cancelled,
		 * failed, run by another instance) looks again whether it can run one.
		 */
		private Duration pollInterval = Duration.ofSeconds(10);

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public Duration getLease() {
			return this.lease;
		}

		public void setLease(Duration lease) {
			this.lease = lease;
		}

		public Duration getPollInterval() {
			return this.pollInterval;
		}

		public void setPollInterval(Duration pollInterval) {
			this.pollInterval = pollInterval;
		}

	}

	/**
	 * How schema migrations' operations are run.
	 */
	public static class Schema {

		/**
		 * Whether every operation of every schema migration runs in its safe form, one that
		 * lets the application go on writing to the table, as if recorded inside
		 * Schema.safely(..): on PostgreSQL, indexes built CONCURRENTLY, foreign keys added NOT
		 * VALID then validated, NOT NULL proved by a validated check first (the migration then
		 * runs outside a transaction); on MariaDB and MySQL, ALGORITHM=INPLACE, LOCK=NONE, a
		 * change the server cannot make that way refused with what to do instead; no change
		 * elsewhere. The schema, rollbacks and checksums stay the same.
		 */
		private boolean safeRewrites;

		public boolean isSafeRewrites() {
			return this.safeRewrites;
		}

		public void setSafeRewrites(boolean safeRewrites) {
			this.safeRewrites = safeRewrites;
		}

	}

	/**
	 * What the generate command compares.
	 */
	public static class Generate {

		/**
		 * Tables generate neither creates, changes nor drops, such as tables no entity maps
		 * on purpose. smalls' own tables are always left alone.
		 */
		private List<String> ignoredTables = new ArrayList<>();

		public List<String> getIgnoredTables() {
			return this.ignoredTables;
		}

		public void setIgnoredTables(List<String> ignoredTables) {
			this.ignoredTables = ignoredTables;
		}

	}

	/**
	 * Tenants: the same migrations on many schemas.
	 */
	public static class Tenants {

		/**
		 * Schemas (PostgreSQL, H2, HSQLDB) or databases (MariaDB, MySQL) of the migrated data
		 * source, one per tenant, each named as its tenant. A SmallsTenantSource bean gives
		 * tenants that come and go instead.
		 */
		private List<String> schemas = new ArrayList<>();

		/**
		 * How many tenants migrate at once.
		 */
		private int parallelism = 2;

		/**
		 * Whether the first failing tenant stops the tenants that have not started yet.
		 */
		private boolean stopOnFailure;

		public List<String> getSchemas() {
			return this.schemas;
		}

		public void setSchemas(List<String> schemas) {
			this.schemas = schemas;
		}

		public int getParallelism() {
			return this.parallelism;
		}

		public void setParallelism(int parallelism) {
			this.parallelism = parallelism;
		}

		public boolean isStopOnFailure() {
			return this.stopOnFailure;
		}

		public void setStopOnFailure(boolean stopOnFailure) {
			this.stopOnFailure = stopOnFailure;
		}

	}

	/**
	 * DDL timeouts: how long a migration's statements may wait for a lock and run, and how a
	 * migration that gave up waiting for a lock is retried. Applied to migrations and their
	 * rollbacks only, never to the application's connections.
	 */
	public static class Ddl {

		/**
		 * Longest a statement of a migration may wait for a lock before it gives up, so that the
		 * application's queries, which queue behind a waiting ALTER TABLE, wait no longer.
		 * PostgreSQL lock_timeout; MariaDB/MySQL lock_wait_timeout and innodb_lock_wait_timeout
		 * (whole seconds); ignored on H2, HSQLDB and SQLite. By default, the database's own.
		 */
		private @Nullable Duration lockTimeout;

		/**
		 * Longest one statement of a migration may run. PostgreSQL statement_timeout (the
		 * smaller of this and migration-timeout); MariaDB max_statement_time; ignored elsewhere.
		 * At least one second. By default, none.
		 */
		private @Nullable Duration statementTimeout;

		/**
		 * How many times a migration that gave up waiting for a lock, and was wholly rolled
		 * back, runs again. One whose work was partly committed stops for repair instead.
		 */
		private int lockRetries = 0;

		/**
		 * Pause before the first retry; each next one doubles (up to 30 s), less a random part
		 * of up to half.
		 */
		private Duration retryBackoff = Duration.ofSeconds(1);

		public @Nullable Duration getLockTimeout() {
			return this.lockTimeout;
		}

		public void setLockTimeout(@Nullable Duration lockTimeout) {
			this.lockTimeout = lockTimeout;
		}

		public @Nullable Duration getStatementTimeout() {
			return this.statementTimeout;
		}

		public void setStatementTimeout(@Nullable Duration statementTimeout) {
			this.statementTimeout = statementTimeout;
		}

		public int getLockRetries() {
			return this.lockRetries;
		}

		public void setLockRetries(int lockRetries) {
			this.lockRetries = lockRetries;
		}

		public Duration getRetryBackoff() {
			return this.retryBackoff;
		}

		public void setRetryBackoff(Duration retryBackoff) {
			this.retryBackoff = retryBackoff;
		}

	}

}
