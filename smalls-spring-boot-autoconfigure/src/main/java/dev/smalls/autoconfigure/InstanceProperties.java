package dev.smalls.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import dev.smalls.EditedMigrations;
import dev.smalls.dialect.LockStrategy;

/**
 * One migration set besides the default one, {@code smalls.instances.<name>.*}: its own
 * database, its own migrations, its own history table and lock. A setting left unset here
 * is the top-level {@code smalls.*} one (the history table, the lock, the timeouts, whether
 * start-up migrates; the DDL, lint and drift settings always are), except the target, which
 * is a sequence of this set's own.
 */
public class InstanceProperties {

	/**
	 * Whether start-up applies this set's pending migrations, before the users of its data
	 * source start. Unset: smalls.enabled.
	 */
	private @Nullable Boolean enabled;

	/**
	 * Name of the DataSource bean to migrate, e.g. one declared with @Bean(defaultCandidate =
	 * false). Either this or url.
	 */
	private @Nullable String datasource;

	/**
	 * JDBC URL of the database to migrate, instead of a DataSource bean.
	 */
	private @Nullable String url;

	/**
	 * Login user: with url, the one to connect with; with datasource, another user to migrate
	 * that bean's database as.
	 */
	private @Nullable String username;

	/**
	 * Login password, with username.
	 */
	private @Nullable String password;

	/**
	 * Fully qualified name of the JDBC driver. Auto-detected from the URL by default.
	 */
	private @Nullable String driverClassName;

	/**
	 * Package whose migration beans (sub-packages included) belong to this set. Migrations
	 * may also name their set with @SmallsSet("name").
	 */
	private @Nullable String migrationsPackage;

	/**
	 * Folders of this set's SQL-file migrations (V<n>__x.sql, U<n>__x.sql): classpath:,
	 * file: or filesystem:, each of which must exist. Unset: none (classpath:db/migration is
	 * the default set's).
	 */
	private List<String> sqlLocations = new ArrayList<>();

	/**
	 * Values of the ${name} placeholders in this set's SQL-file migrations.
	 */
	private Map<String, String> sqlPlaceholders = new LinkedHashMap<>();

	/**
	 * Name of this set's history table, optionally schema-qualified. Unset: smalls.table.
	 */
	private @Nullable String table;

	/**
	 * How this set's migration lock is held. Unset: smalls.lock.
	 */
	private @Nullable LockStrategy lock;

	/**
	 * How long to wait for another instance of the application that holds this set's lock.
	 * Unset: smalls.lock-timeout.
	 */
	private @Nullable Duration lockTimeout;

	/**
	 * How long a lease lasts unless renewed, for the lease lock. Unset: smalls.lock-lease.
	 */
	private @Nullable Duration lockLease;

	/**
	 * Whether a pending migration numbered below the current sequence may be applied. Unset:
	 * smalls.out-of-order.
	 */
	private @Nullable Boolean outOfOrder;

	/**
	 * What to do when an applied migration of this set was edited since. Unset:
	 * smalls.edited-migrations.
	 */
	private @Nullable EditedMigrations editedMigrations;

	/**
	 * Longest one migration may run before it is stopped and rolled back. Unset:
	 * smalls.migration-timeout.
	 */
	private @Nullable Duration migrationTimeout;

	/**
	 * Highest sequence of this set to apply on start-up. Not inherited: by default, every
	 * pending migration of the set.
	 */
	private @Nullable Integer target;

	public @Nullable Boolean getEnabled() {
		return this.enabled;
	}

	public void setEnabled(@Nullable Boolean enabled) {
		this.enabled = enabled;
	}

	public @Nullable String getDatasource() {
		return this.datasource;
	}

	public void setDatasource(@Nullable String datasource) {
		this.datasource = datasource;
	}

	public @Nullable String getUrl() {
		return this.url;
	}

	public void setUrl(@Nullable String url) {
		this.url = url;
	}

	public @Nullable String getUsername() {
		return this.username;
	}

	public void setUsername(@Nullable String username) {
		this.username = username;
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

	public @Nullable String getMigrationsPackage() {
		return this.migrationsPackage;
	}

	public void setMigrationsPackage(@Nullable String migrationsPackage) {
		this.migrationsPackage = migrationsPackage;
	}

	public List<String> getSqlLocations() {
		return this.sqlLocations;
	}

	public void setSqlLocations(List<String> sqlLocations) {
		this.sqlLocations = sqlLocations;
	}

	public Map<String, String> getSqlPlaceholders() {
		return this.sqlPlaceholders;
	}

	public void setSqlPlaceholders(Map<String, String> sqlPlaceholders) {
		this.sqlPlaceholders = sqlPlaceholders;
	}

	public @Nullable String getTable() {
		return this.table;
	}

	public void setTable(@Nullable String table) {
		this.table = table;
	}

	public @Nullable LockStrategy getLock() {
		return this.lock;
	}

	public void setLock(@Nullable LockStrategy lock) {
		this.lock = lock;
	}

	public @Nullable Duration getLockTimeout() {
		return this.lockTimeout;
	}

	public void setLockTimeout(@Nullable Duration lockTimeout) {
		this.lockTimeout = lockTimeout;
	}

	public @Nullable Duration getLockLease() {
		return this.lockLease;
	}

	public void setLockLease(@Nullable Duration lockLease) {
		this.lockLease = lockLease;
	}

	public @Nullable Boolean getOutOfOrder() {
		return this.outOfOrder;
	}

	public void setOutOfOrder(@Nullable Boolean outOfOrder) {
		this.outOfOrder = outOfOrder;
	}

	public @Nullable EditedMigrations getEditedMigrations() {
		return this.editedMigrations;
	}

	public void setEditedMigrations(@Nullable EditedMigrations editedMigrations) {
		this.editedMigrations = editedMigrations;
	}

	public @Nullable Duration getMigrationTimeout() {
		return this.migrationTimeout;
	}

	public void setMigrationTimeout(@Nullable Duration migrationTimeout) {
		this.migrationTimeout = migrationTimeout;
	}

	public @Nullable Integer getTarget() {
		return this.target;
	}

	public void setTarget(@Nullable Integer target) {
		this.target = target;
	}

	/**
	 * Whether start-up migrates this set.
	 * @param properties the top-level properties, for an unset {@code enabled}
	 * @return {@code true} if it does
	 */
	boolean migratesOnStartup(SmallsProperties properties) {
		return (this.enabled != null) ? this.enabled : properties.isEnabled();
	}

}
