package dev.smalls;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * What {@link SmallsMigrator#adoptLiquibase(LiquibaseAdoption)} reads and records: Liquibase's
 * change log table and its lock table, and the sequence of the one baseline that stands for
 * every change set it records.
 *
 * @param table Liquibase's change log table, {@value #DEFAULT_TABLE} unless Liquibase's
 * {@code databaseChangeLogTableName} says otherwise
 * @param schema the schema (on MariaDB and MySQL, the database) it is in, {@code null} for
 * the connection's
 * @param sequence the baseline's sequence, {@value #DEFAULT_SEQUENCE} unless smalls migrations
 * that stand for part of the change log already exist (then the highest of those): 0 is
 * below every smalls migration, so the first one written after the adoption is 1
 * @param pendingChangeSets the change sets of the change log that this database has not run
 * (as Liquibase's {@code status} lists them, e.g. {@code path::id::author}), found by whoever
 * has the change log: the adoption is refused unless it is empty. {@code null} when nobody
 * checked: the database alone cannot show them.
 * @param lockTable Liquibase's lock table, in the same schema: {@value #DEFAULT_LOCK_TABLE}
 * unless Liquibase's {@code databaseChangeLogLockTableName} says otherwise, whatever the
 * change log table is called (as Liquibase names it)
 */
public record LiquibaseAdoption(String table, @Nullable String schema, int sequence,
		@Nullable List<String> pendingChangeSets, String lockTable) {

	/** Liquibase's default change log table. */
	public static final String DEFAULT_TABLE = "DATABASECHANGELOG";

	/** Liquibase's default lock table, whatever its change log table is called. */
	public static final String DEFAULT_LOCK_TABLE = "DATABASECHANGELOGLOCK";

	/** The baseline's sequence unless another is given. */
	public static final int DEFAULT_SEQUENCE = 0;

	public LiquibaseAdoption {
		pendingChangeSets = (pendingChangeSets != null) ? List.copyOf(pendingChangeSets) : null;
	}

	/**
	 * Liquibase's tables and the baseline, the pending change sets not checked.
	 * @param table Liquibase's change log table
	 * @param schema the schema it is in, {@code null} for the connection's
	 * @param sequence the baseline's sequence
	 */
	public LiquibaseAdoption(String table, @Nullable String schema, int sequence) {
		this(table, schema, sequence, null, DEFAULT_LOCK_TABLE);
	}

	/**
	 * Liquibase's tables and the baseline, with the pending change sets found, and
	 * Liquibase's default lock table.
	 * @param table Liquibase's change log table
	 * @param schema the schema it is in, {@code null} for the connection's
	 * @param sequence the baseline's sequence
	 * @param pendingChangeSets the pending change sets, {@code null} if nobody checked
	 */
	public LiquibaseAdoption(String table, @Nullable String schema, int sequence,
			@Nullable List<String> pendingChangeSets) {
		this(table, schema, sequence, pendingChangeSets, DEFAULT_LOCK_TABLE);
	}

	/**
	 * Liquibase's tables where Liquibase's settings put them (as
	 * {@code spring.liquibase.database-change-log-table}, {@code liquibase-schema},
	 * {@code default-schema} and {@code database-change-log-lock-table} name them): the change
	 * log table and the lock table in the Liquibase schema, or else the default schema; the
	 * baseline at {@value #DEFAULT_SEQUENCE}. A blank setting counts as unset.
	 * @param table the change log table, {@code null} for {@value #DEFAULT_TABLE}
	 * @param liquibaseSchema the schema of Liquibase's own tables, or {@code null}
	 * @param defaultSchema the default schema, or {@code null}
	 * @param lockTable the lock table, {@code null} for {@value #DEFAULT_LOCK_TABLE}
	 * @return the options, the pending change sets not checked
	 */
	public static LiquibaseAdoption located(@Nullable String table, @Nullable String liquibaseSchema,
			@Nullable String defaultSchema, @Nullable String lockTable) {
		String name = FlywayAdoption.given(table);
		String schema = FlywayAdoption.given(liquibaseSchema);
		String lock = FlywayAdoption.given(lockTable);
		return new LiquibaseAdoption((name != null) ? name : DEFAULT_TABLE,
				(schema != null) ? schema : FlywayAdoption.given(defaultSchema), DEFAULT_SEQUENCE, null,
				(lock != null) ? lock : DEFAULT_LOCK_TABLE);
	}

	/**
	 * Liquibase's default table, in the connection's schema, the baseline at 0.
	 * @return the options
	 */
	public static LiquibaseAdoption defaults() {
		return new LiquibaseAdoption(DEFAULT_TABLE, null, DEFAULT_SEQUENCE);
	}

	/**
	 * These options, with the change sets of the change log this database has not run.
	 * @param pendingChangeSets the pending change sets, empty if none is
	 * @return the options
	 */
	public LiquibaseAdoption withPending(List<String> pendingChangeSets) {
		return new LiquibaseAdoption(this.table, this.schema, this.sequence, pendingChangeSets, this.lockTable);
	}

	/**
	 * These options, with another lock table (Liquibase's
	 * {@code databaseChangeLogLockTableName}, Spring Boot's
	 * {@code spring.liquibase.database-change-log-lock-table}).
	 * @param lockTable the lock table
	 * @return the options
	 */
	public LiquibaseAdoption withLockTable(String lockTable) {
		return new LiquibaseAdoption(this.table, this.schema, this.sequence, this.pendingChangeSets, lockTable);
	}

}
