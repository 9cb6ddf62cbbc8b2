package dev.smalls.lint;

import java.util.Locale;

/**
 * The databases the rules know. A rule applies to one of them, or to every database.
 */
public enum LintDatabase {

	/** PostgreSQL. */
	POSTGRESQL("PostgreSQL"),

	/** MariaDB and MySQL, Galera included. */
	MYSQL("MariaDB/MySQL"),

	/** Every database: rules about the application, not about a database's locks. */
	ANY("any database"),

	/** A database no lock rule is written for (H2, HSQLDB, SQLite...). */
	OTHER("other");

	private final String displayName;

	LintDatabase(String displayName) {
		this.displayName = displayName;
	}

	/**
	 * The name people know it by.
	 * @return the name
	 */
	public String displayName() {
		return this.displayName;
	}

	/**
	 * The database family of a smalls dialect's {@code databaseName()}.
	 * @param databaseName e.g. {@code PostgreSQL}, {@code MariaDB}, {@code H2}
	 * @return the family, {@link #OTHER} if no rules are written for it
	 */
	public static LintDatabase of(String databaseName) {
		String name = databaseName.toLowerCase(Locale.ROOT);
		if (name.contains("postgres")) {
			return POSTGRESQL;
		}
		if (name.contains("mariadb") || name.contains("mysql") || name.contains("galera")) {
			return MYSQL;
		}
		return OTHER;
	}

}
