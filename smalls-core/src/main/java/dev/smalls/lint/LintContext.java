package dev.smalls.lint;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What a rule may need beyond the statement: the database's major version, whether the
 * migration runs in one transaction, the statements around it, and what the application's
 * model maps.
 *
 * @param majorVersion the database's major version ({@code 0} if unknown)
 * @param mariaDb whether the database is MariaDB rather than MySQL
 * @param transactional whether the migration's statements run in one transaction
 * @param before the statements of the migration before this one
 * @param after the statements of the migration after this one
 * @param mapped tables and {@code table.column}s the application maps, lower case
 */
record LintContext(int majorVersion, boolean mariaDb, boolean transactional, List<SqlText> before,
		List<SqlText> after, Set<String> mapped) {

	boolean maps(String table) {
		return this.mapped.contains(plain(table));
	}

	boolean maps(String table, String column) {
		return this.mapped.contains(plain(table) + "." + column.toLowerCase(Locale.ROOT));
	}

	boolean versionBelow(int major) {
		return this.majorVersion > 0 && this.majorVersion < major;
	}

	static String plain(String table) {
		int dot = table.lastIndexOf('.');
		return ((dot >= 0) ? table.substring(dot + 1) : table).toLowerCase(Locale.ROOT);
	}

}
