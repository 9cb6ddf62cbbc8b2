package dev.smalls.lint;

import java.util.List;

import dev.smalls.lint.LintRule.Hit;
import dev.smalls.lint.LintRule.Impact;

/**
 * The MariaDB and MySQL rules: DDL that InnoDB cannot run {@code ALGORITHM=INPLACE} or
 * {@code INSTANT} with {@code LOCK=NONE}, from the servers' online DDL tables. An
 * {@code ALTER TABLE} that asks for {@code LOCK=NONE} or {@code ALGORITHM=INSTANT} itself is
 * safe whatever it does: the server refuses it rather than lock.
 */
final class MySqlRules {

	private MySqlRules() {
	}

	static List<LintRule> rules() {
		return List.of(
				rule("mysql-column-type-change", Impact.REWRITE_BLOCKS_WRITES, "MODIFY or CHANGE of a column's definition",
						"Changing a column's type (and, on most versions, its nullability) runs ALGORITHM=COPY: the "
								+ "table is copied row by row while writes wait (LOCK=SHARED).",
						"Add a new column, fill it in batches, switch the application over, drop the old one; "
								+ "or an online schema change tool (gh-ost, pt-online-schema-change). Say "
								+ "ALGORITHM=INPLACE, LOCK=NONE to make the server refuse rather than lock.",
						(sql, context) -> online(sql, (start, end) -> sql.at(start, "modify")
								|| sql.at(start, "change") && !sql.at(start + 1, "default"))),
				rule("mysql-foreign-key-copy", Impact.REWRITE_BLOCKS_WRITES,
						"A foreign key added while foreign_key_checks is on",
						"With foreign_key_checks on, ADD FOREIGN KEY runs ALGORITHM=COPY: the table is copied "
								+ "while writes wait.",
						"SET foreign_key_checks = 0 before the ALTER in the same migration (INPLACE, no copy; the "
								+ "existing rows are not checked, so check them first), then set it back to 1.",
						(sql, context) -> {
							for (SqlText earlier : context.before()) {
								if (earlier.startsWith("set") && earlier.has("foreign_key_checks")
										&& (earlier.has("=", "0") || earlier.has("=", "off"))) {
									return null;
								}
							}
							return online(sql, (start, end) -> sql.at(start, "add")
									&& sql.within(start, end, "foreign", "key"));
						}),
				rule("mysql-fulltext-index", Impact.REWRITE_BLOCKS_WRITES, "A FULLTEXT index",
						"A FULLTEXT index cannot be built with LOCK=NONE, and the first one rebuilds the table "
								+ "(it adds a hidden FTS_DOC_ID column): writes wait.",
						"Create the table with an FTS_DOC_ID column and the index, or build it in a maintenance "
								+ "window.",
						(sql, context) -> sql.startsWith("create", "fulltext") ? Hit.on(onTable(sql))
								: online(sql, (start, end) -> sql.at(start, "add", "fulltext"))),
				rule("mysql-spatial-index", Impact.SCAN_BLOCKS_WRITES, "A SPATIAL index",
						"A SPATIAL index cannot be built with LOCK=NONE: writes wait while it is built.",
						"Build it in a maintenance window, or create it with the table.",
						(sql, context) -> sql.startsWith("create", "spatial") ? Hit.on(onTable(sql))
								: online(sql, (start, end) -> sql.at(start, "add", "spatial"))),
				rule("mysql-drop-primary-key", Impact.REWRITE_BLOCKS_WRITES, "DROP PRIMARY KEY without a new one",
						"Dropping the primary key without adding another in the same ALTER runs ALGORITHM=COPY: "
								+ "the table is copied while writes wait.",
						"Drop and add in one statement: ALTER TABLE t DROP PRIMARY KEY, ADD PRIMARY KEY (..), "
								+ "which runs in place.",
						(sql, context) -> sql.has("drop", "primary", "key") && !sql.has("add", "primary", "key")
								? online(sql, (start, end) -> sql.at(start, "drop", "primary", "key")) : null),
				rule("mysql-convert-charset", Impact.REWRITE_BLOCKS_WRITES, "CONVERT TO CHARACTER SET",
						"Converting a table's character set copies it (ALGORITHM=COPY) while writes wait.",
						"An online schema change tool (gh-ost, pt-online-schema-change), or a maintenance "
								+ "window.",
						(sql, context) -> online(sql, (start, end) -> sql.at(start, "convert", "to"))),
				rule("mysql-auto-increment-column", Impact.REWRITE_BLOCKS_WRITES, "A new AUTO_INCREMENT column",
						"Adding an AUTO_INCREMENT column rebuilds the table and does not allow concurrent writes "
								+ "(LOCK=SHARED).",
						"Create the table with it, or use an online schema change tool.",
						(sql, context) -> online(sql, (start, end) -> PostgresRules.isAddColumn(sql, start)
								&& sql.within(start, end, "auto_increment"))),
				rule("mysql-stored-generated-column", Impact.REWRITE_BLOCKS_WRITES, "A new STORED generated column",
						"Adding a STORED (PERSISTENT) generated column computes every row: ALGORITHM=COPY, writes "
								+ "wait.",
						"Add a VIRTUAL generated column (instant), or a plain column filled in batches.",
						(sql, context) -> online(sql, (start, end) -> PostgresRules.isAddColumn(sql, start)
								&& (sql.within(start, end, "stored") || sql.within(start, end, "persistent")))),
				rule("mysql-explicit-copy", Impact.REWRITE_BLOCKS_WRITES, "ALGORITHM=COPY or a SHARED/EXCLUSIVE lock",
						"The statement asks for a table copy or for a lock that stops writes (or reads) while it "
								+ "runs.",
						"ALGORITHM=INPLACE (or INSTANT), LOCK=NONE, where the server supports it for this change.",
						(sql, context) -> {
							String table = sql.alteredTable();
							if (table == null && !sql.startsWith("create")) {
								return null;
							}
							boolean copy = sql.has("algorithm", "=", "copy") || sql.has("algorithm", "copy");
							boolean lock = sql.has("lock", "=", "shared") || sql.has("lock", "=", "exclusive")
									|| sql.has("lock", "shared") || sql.has("lock", "exclusive");
							return (copy || lock) ? Hit.on((table != null) ? table : onTable(sql)) : null;
						}),
				rule("mysql-lock-tables", Impact.UNTIL_COMMIT, "LOCK TABLES",
						"LOCK TABLES holds the locks until UNLOCK TABLES: every other session's access waits.",
						"Do without it: lock rows (SELECT .. FOR UPDATE) or work in batches.",
						(sql, context) -> (sql.startsWith("lock", "tables") || sql.startsWith("lock", "table"))
								? Hit.on(sql.nameAt(2)) : null),
				rule("mysql-optimize-table", Impact.REWRITE_BLOCKS_WRITES, "OPTIMIZE TABLE",
						"OPTIMIZE TABLE rebuilds the table; on tables with FULLTEXT indexes, or where online "
								+ "rebuild is off, writes wait for the whole copy.",
						"Run it outside migrations, at a quiet hour, or with an online schema change tool.",
						(sql, context) -> sql.startsWith("optimize") ? Hit.on(sql.nameAt(sql.skip(1,
								new String[] { "no_write_to_binlog" }, new String[] { "local" },
								new String[] { "table" }))) : null),
				rule("mysql-partition-by", Impact.REWRITE_BLOCKS_WRITES, "Repartitioning a table",
						"ALTER TABLE .. PARTITION BY (or REMOVE PARTITIONING) copies the whole table while writes "
								+ "wait.",
						"Create a partitioned table and move the rows in batches, or use an online schema "
								+ "change tool.",
						(sql, context) -> online(sql, (start, end) -> sql.at(start, "partition", "by")
								|| sql.at(start, "remove", "partitioning"))));
	}

	/**
	 * A hit if one action of an {@code ALTER TABLE} matches and the statement does not ask for
	 * an online change itself.
	 */
	private static Hit online(SqlText sql, PostgresRules.Action action) {
		if (sql.has("lock", "=", "none") || sql.has("algorithm", "=", "instant") || sql.has("lock", "none")) {
			return null;
		}
		return PostgresRules.alterAction(sql, action);
	}

	private static String onTable(SqlText sql) {
		int on = sql.find(0, "on");
		return (on < 0) ? "" : sql.nameAt(on + 1);
	}

	private static LintRule rule(String id, Impact impact, String title, String why, String safeWay,
			LintRule.Matcher matcher) {
		return new LintRule(id, LintDatabase.MYSQL, impact, title, why, safeWay, matcher);
	}

}
