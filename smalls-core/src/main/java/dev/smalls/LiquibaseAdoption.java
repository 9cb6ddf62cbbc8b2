package dev.smalls;

import org.jspecify.annotations.Nullable;

/**
 * What {@link SmallsMigrator#adoptLiquibase(LiquibaseAdoption)} reads and records: Liquibase's
 * change log table (and its lock table, named after it), and the sequence of the one
 * baseline that stands for every change set it records.
 *
 * @param table Liquibase's change log table, {@value #DEFAULT_TABLE} unless Liquibase's
 * {@code databaseChangeLogTableName} says otherwise; the lock table is this name and
 * {@code LOCK}
 * @param schema the schema (on MariaDB and MySQL, the database) it is in, {@code null} for
 * the connection's
 * @param sequence the baseline's sequence, {@value #DEFAULT_SEQUENCE} unless smalls migrations
 * that stand for part of the change log already exist (then the highest of those): 0 is
 * below every smalls migration, so the first one written after the adoption is 1
 */
public record LiquibaseAdoption(String table, @Nullable String schema, int sequence) {

	/** Liquibase's default change log table. */
	public static final String DEFAULT_TABLE = "DATABASECHANGELOG";

	/** The baseline's sequence unless another is given. */
	public static final int DEFAULT_SEQUENCE = 0;

	/**
	 * Liquibase's default table, in the connection's schema, the baseline at 0.
	 * @return the options
	 */
	public static LiquibaseAdoption defaults() {
		return new LiquibaseAdoption(DEFAULT_TABLE, null, DEFAULT_SEQUENCE);
	}

	/**
	 * The lock table Liquibase keeps beside its change log table.
	 * @return the table's name
	 */
	public String lockTable() {
		return this.table + "LOCK";
	}

}
