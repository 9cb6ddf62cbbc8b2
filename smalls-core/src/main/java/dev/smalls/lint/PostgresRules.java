package dev.smalls.lint;

import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import dev.smalls.lint.LintRule.Hit;
import dev.smalls.lint.LintRule.Impact;

/**
 * The PostgreSQL rules, from what strong_migrations and squawk document.
 */
final class PostgresRules {

	private static final Set<String> VOLATILE = Set.of("random", "gen_random_uuid", "uuid_generate_v1",
			"uuid_generate_v4", "clock_timestamp", "timeofday", "nextval", "txid_current", "setseed");

	private static final Set<String> SERIAL = Set.of("serial", "bigserial", "smallserial", "serial4", "serial8",
			"serial2");

	private PostgresRules() {
	}

	static List<LintRule> rules() {
		return List.of(
				rule("pg-index-not-concurrent", Impact.SCAN_BLOCKS_WRITES,
						"CREATE INDEX without CONCURRENTLY",
						"CREATE INDEX takes a SHARE lock on the table: inserts, updates and deletes wait until the "
								+ "whole index is built.",
						"CREATE INDEX CONCURRENTLY, outside a transaction (a non-transactional migration), or "
								+ "schema.safely(s -> s.addIndex(..)) with safe rewrites on.",
						(sql, context) -> {
							Index index = Index.of(sql);
							return (index != null && !index.concurrently) ? Hit.on(index.table) : null;
						}),
				rule("pg-drop-index-not-concurrent", Impact.UNTIL_COMMIT, "DROP INDEX without CONCURRENTLY",
						"DROP INDEX takes an ACCESS EXCLUSIVE lock on the index's table: it waits behind every "
								+ "running query on it, and every query waits behind it.",
						"DROP INDEX CONCURRENTLY, outside a transaction (a non-transactional migration).",
						(sql, context) -> (sql.startsWith("drop", "index") && !sql.at(2, "concurrently"))
								? Hit.on(null) : null),
				rule("pg-concurrently-in-transaction", Impact.FAILS,
						"CREATE or DROP INDEX CONCURRENTLY inside a transaction",
						"PostgreSQL refuses CONCURRENTLY inside a transaction block: the migration fails.",
						"Make the migration non-transactional (transactional() returning false), with the "
								+ "concurrent statement on its own.",
						(sql, context) -> {
							if (!context.transactional()) {
								return null;
							}
							Index index = Index.of(sql);
							if (index != null && index.concurrently) {
								return Hit.on(index.table);
							}
							boolean drop = sql.startsWith("drop", "index", "concurrently")
									|| sql.startsWith("reindex") && sql.has("concurrently")
									|| sql.startsWith("refresh", "materialized", "view", "concurrently");
							return drop ? Hit.on(null) : null;
						}),
				rule("pg-foreign-key-validated", Impact.SCAN_BLOCKS_WRITES,
						"A foreign key validated as it is added",
						"Adding a foreign key takes SHARE ROW EXCLUSIVE locks on both tables and reads every row "
								+ "of the referencing table to validate it: writes to both wait.",
						"ADD CONSTRAINT .. FOREIGN KEY .. NOT VALID, then, in another transaction, "
								+ "VALIDATE CONSTRAINT (which lets writes run); or "
								+ "schema.safely(s -> s.addForeignKey(..)) with safe rewrites on.",
						(sql, context) -> alterAction(sql, (start, end) -> (sql.within(start, end, "foreign", "key")
								|| sql.within(start, end, "references")) && !sql.within(start, end, "not", "valid")
								&& !sql.at(start, "drop") && !sql.at(start, "validate"))),
				rule("pg-check-validated", Impact.SCAN_BLOCKS_ALL, "A CHECK constraint validated as it is added",
						"ADD CONSTRAINT .. CHECK takes an ACCESS EXCLUSIVE lock and reads every row to validate "
								+ "it: reads and writes wait.",
						"ADD CONSTRAINT .. CHECK (..) NOT VALID, then, in another transaction, "
								+ "VALIDATE CONSTRAINT.",
						(sql, context) -> alterAction(sql,
								(start, end) -> sql.at(start, "add") && sql.within(start, end, "check")
										&& !sql.within(start, end, "not", "valid")
										&& !sql.within(start, end, "column"))),
				rule("pg-set-not-null", Impact.SCAN_BLOCKS_ALL, "SET NOT NULL on an existing column",
						"ALTER COLUMN .. SET NOT NULL takes an ACCESS EXCLUSIVE lock and reads every row to check "
								+ "it: reads and writes wait.",
						"On PostgreSQL 12+: ADD CONSTRAINT c CHECK (col IS NOT NULL) NOT VALID; VALIDATE "
								+ "CONSTRAINT c (another transaction); SET NOT NULL (now instant); DROP CONSTRAINT c. "
								+ "schema.safely(s -> s.setNotNull(..)) writes exactly that.",
						(sql, context) -> alterAction(sql, (start, end) -> sql.at(start, "alter")
								&& sql.within(start, end, "set", "not", "null")
								&& !provenNotNull(sql.token(sql.at(start + 1, "column") ? start + 2 : start + 1),
										context))),
				rule("pg-column-type-rewrite", Impact.REWRITE_BLOCKS_ALL, "A column type change that rewrites the table",
						"ALTER COLUMN .. TYPE takes an ACCESS EXCLUSIVE lock and, unless the types are binary "
								+ "compatible (varchar to text, a longer varchar), rewrites the table and its "
								+ "indexes: reads and writes wait.",
						"Add a new column of the new type, fill it in batches, switch the application over, "
								+ "then drop the old one (expand/contract).",
						(sql, context) -> alterAction(sql, (start, end) -> {
							int type = sql.find(start, "type");
							if (!sql.at(start, "alter") || type < 0 || type >= end || sql.within(start, end, "set")) {
								return false;
							}
							String target = sql.token(type + 1);
							boolean free = target.equals("text") || target.equals("citext")
									|| (target.equals("varchar") || target.equals("character")) && !sql.within(
											type, end, "(");
							return !free;
						})),
				rule("pg-volatile-default", Impact.REWRITE_BLOCKS_ALL, "A new column with a volatile default",
						"ADD COLUMN with a volatile DEFAULT (random(), gen_random_uuid(), clock_timestamp(), "
								+ "nextval()...) computes a value per row: the table is rewritten under an ACCESS "
								+ "EXCLUSIVE lock.",
						"Add the column without a default, set the default for new rows, then fill the "
								+ "existing rows in batches.",
						(sql, context) -> alterAction(sql, (start, end) -> {
							int at = sql.find(start, "default");
							if (!sql.at(start, "add") || at < 0 || at >= end) {
								return false;
							}
							for (int i = at + 1; i < end; i++) {
								if (VOLATILE.contains(sql.token(i)) && sql.token(i + 1).equals("(")) {
									return true;
								}
							}
							return false;
						})),
				rule("pg-default-rewrite-before-11", Impact.REWRITE_BLOCKS_ALL,
						"A new column with a default, before PostgreSQL 11",
						"Before PostgreSQL 11, ADD COLUMN .. DEFAULT rewrites the whole table under an ACCESS "
								+ "EXCLUSIVE lock.",
						"Add the column without a default, then set the default, then fill the existing rows "
								+ "in batches; or upgrade to PostgreSQL 11+, where it is instant.",
						(sql, context) -> context.versionBelow(11) ? alterAction(sql,
								(start, end) -> sql.at(start, "add") && sql.within(start, end, "default")) : null),
				rule("pg-serial-column", Impact.REWRITE_BLOCKS_ALL, "A new serial or identity column",
						"ADD COLUMN of a serial type or GENERATED .. AS IDENTITY fills every row: the table is "
								+ "rewritten under an ACCESS EXCLUSIVE lock.",
						"Create the new table with the column, or add a plain column, a sequence as its "
								+ "default for new rows, and fill the old rows in batches.",
						(sql, context) -> alterAction(sql, (start, end) -> {
							return sql.at(start, "add")
									&& (hasSerial(sql, start, end) || sql.within(start, end, "as", "identity"));
						})),
				rule("pg-stored-generated-column", Impact.REWRITE_BLOCKS_ALL, "A new stored generated column",
						"ADD COLUMN .. GENERATED ALWAYS AS (..) STORED computes every row: the table is rewritten "
								+ "under an ACCESS EXCLUSIVE lock.",
						"Add a plain column, fill it in batches and keep it up to date with a trigger or the "
								+ "application.",
						(sql, context) -> alterAction(sql,
								(start, end) -> sql.at(start, "add") && sql.within(start, end, "generated")
										&& sql.within(start, end, "stored"))),
				rule("pg-unique-constraint", Impact.SCAN_BLOCKS_ALL, "A UNIQUE constraint built as it is added",
						"ADD CONSTRAINT .. UNIQUE builds its index under an ACCESS EXCLUSIVE lock: reads and "
								+ "writes wait until it is built.",
						"CREATE UNIQUE INDEX CONCURRENTLY i ON t (..); then ALTER TABLE t ADD CONSTRAINT c "
								+ "UNIQUE USING INDEX i (instant).",
						(sql, context) -> alterAction(sql,
								(start, end) -> sql.at(start, "add") && !isAddColumn(sql, start)
										&& sql.within(start, end, "unique")
										&& !sql.within(start, end, "using", "index"))),
				rule("pg-primary-key-constraint", Impact.SCAN_BLOCKS_ALL, "A PRIMARY KEY built as it is added",
						"ADD PRIMARY KEY builds its index (and checks NOT NULL) under an ACCESS EXCLUSIVE lock: "
								+ "reads and writes wait.",
						"CREATE UNIQUE INDEX CONCURRENTLY i ON t (..); then ALTER TABLE t ADD CONSTRAINT pk "
								+ "PRIMARY KEY USING INDEX i.",
						(sql, context) -> alterAction(sql,
								(start, end) -> sql.at(start, "add") && sql.within(start, end, "primary", "key")
										&& !sql.within(start, end, "using", "index")
										&& !sql.within(start, end, "column") && !isAddColumn(sql, start))),
				rule("pg-exclusion-constraint", Impact.SCAN_BLOCKS_ALL, "An EXCLUDE constraint on an existing table",
						"ADD CONSTRAINT .. EXCLUDE builds its index under an ACCESS EXCLUSIVE lock, and cannot "
								+ "be added NOT VALID: reads and writes wait.",
						"Create it with the table, or in a maintenance window; there is no online form.",
						(sql, context) -> alterAction(sql,
								(start, end) -> sql.at(start, "add") && sql.within(start, end, "exclude"))),
				rule("pg-lock-table", Impact.UNTIL_COMMIT, "LOCK TABLE",
						"An explicit LOCK TABLE holds the lock until the migration's transaction ends.",
						"Do without it: lock rows (SELECT .. FOR UPDATE) or work in batches.",
						(sql, context) -> sql.startsWith("lock")
								? Hit.on(sql.nameAt(sql.skip(1, new String[] { "table" }, new String[] { "only" })))
								: null),
				rule("pg-vacuum-full", Impact.REWRITE_BLOCKS_ALL, "VACUUM FULL",
						"VACUUM FULL rewrites the table under an ACCESS EXCLUSIVE lock.",
						"Plain VACUUM (no lock against reads and writes), or pg_repack.",
						(sql, context) -> (sql.startsWith("vacuum") && sql.has("full"))
								? Hit.on(lastName(sql)) : null),
				rule("pg-cluster", Impact.REWRITE_BLOCKS_ALL, "CLUSTER",
						"CLUSTER rewrites the table in index order under an ACCESS EXCLUSIVE lock.",
						"pg_repack, outside the migration.",
						(sql, context) -> sql.startsWith("cluster")
								? Hit.on(sql.token(1).equals("verbose") ? sql.nameAt(2) : sql.nameAt(1)) : null),
				rule("pg-reindex-not-concurrent", Impact.SCAN_BLOCKS_WRITES, "REINDEX without CONCURRENTLY",
						"REINDEX locks out writes to the table, and reads that would use the index, while it is "
								+ "rebuilt.",
						"REINDEX .. CONCURRENTLY (PostgreSQL 12+), outside a transaction.",
						(sql, context) -> (sql.startsWith("reindex") && !sql.has("concurrently")
								&& !context.versionBelow(12)) ? Hit.on(sql.startsWith("reindex", "table")
										? sql.nameAt(2) : null) : null),
				rule("pg-refresh-not-concurrent", Impact.SCAN_BLOCKS_ALL,
						"REFRESH MATERIALIZED VIEW without CONCURRENTLY",
						"REFRESH MATERIALIZED VIEW takes an ACCESS EXCLUSIVE lock on the view: its readers wait "
								+ "until it is computed again.",
						"REFRESH MATERIALIZED VIEW CONCURRENTLY (needs a unique index on the view), outside a "
								+ "transaction.",
						(sql, context) -> (sql.startsWith("refresh", "materialized", "view")
								&& !sql.at(3, "concurrently")) ? Hit.on(sql.nameAt(3)) : null),
				rule("pg-enum-value-in-transaction", Impact.FAILS,
						"ALTER TYPE .. ADD VALUE where the transaction cannot use it",
						"Before PostgreSQL 12, ALTER TYPE .. ADD VALUE cannot run inside a transaction; from 12 "
								+ "on, the new value cannot be used in the transaction that added it.",
						"Add the value in a migration of its own (non-transactional before PostgreSQL 12), "
								+ "and use it from the next migration.",
						(sql, context) -> {
							int add = sql.find(0, "add", "value");
							if (!sql.startsWith("alter", "type") || add < 0 || !context.transactional()) {
								return null;
							}
							if (context.versionBelow(12)) {
								return new Hit(null, sql.nameAt(2));
							}
							String value = sql.token(sql.skip(add + 2, new String[] { "if", "not", "exists" }));
							for (SqlText later : context.after()) {
								if (later.tokens().contains(value)) {
									return new Hit(null, sql.nameAt(2));
								}
							}
							return null;
						}),
				rule("pg-required-column", Impact.FAILS, "A NOT NULL column without a default on a table with rows",
						"ADD COLUMN .. NOT NULL without a DEFAULT fails as soon as the table has a row.",
						"Give it a default (instant from PostgreSQL 11), or add it nullable, fill it, then "
								+ "set NOT NULL the safe way.",
						(sql, context) -> alterAction(sql, (start, end) -> isAddColumn(sql, start)
								&& sql.within(start, end, "not", "null") && !sql.within(start, end, "default")
								&& !sql.within(start, end, "generated") && !hasSerial(sql, start, end))));
	}

	/**
	 * From PostgreSQL 12, SET NOT NULL reads no row when a valid {@code CHECK (c IS NOT NULL)}
	 * proves it: the safe form adds that check NOT VALID and validates it first.
	 */
	private static boolean provenNotNull(String column, LintContext context) {
		if (context.versionBelow(12)) {
			return false;
		}
		for (SqlText earlier : context.before()) {
			if (earlier.has("check", "(", column, "is", "not", "null", ")")) {
				return true;
			}
		}
		return false;
	}

	private static boolean hasSerial(SqlText sql, int start, int end) {
		for (int i = start; i < end; i++) {
			if (SERIAL.contains(sql.token(i))) {
				return true;
			}
		}
		return false;
	}

	static boolean isAddColumn(SqlText sql, int start) {
		if (!sql.at(start, "add")) {
			return false;
		}
		String next = sql.token(start + 1);
		return next.equals("column") || !(next.equals("constraint") || next.equals("primary")
				|| next.equals("unique") || next.equals("foreign") || next.equals("check")
				|| next.equals("exclude") || next.equals("index") || next.equals("key") || next.equals("fulltext")
				|| next.equals("spatial") || next.equals("partition") || next.equals("("));
	}

	private static String lastName(SqlText sql) {
		String last = sql.token(sql.size() - 1);
		return (last.equals("full") || last.equals("vacuum") || last.equals(")")) ? "" : last;
	}

	/**
	 * A hit on the altered table if one action of an {@code ALTER TABLE} matches.
	 */
	static @Nullable Hit alterAction(SqlText sql, Action action) {
		String table = sql.alteredTable();
		if (table == null) {
			return null;
		}
		for (int start : sql.alterTableActions()) {
			if (action.matches(start, sql.actionEnd(start))) {
				return Hit.on(table);
			}
		}
		return null;
	}

	private static LintRule rule(String id, Impact impact, String title, String why, String safeWay,
			LintRule.Matcher matcher) {
		return new LintRule(id, LintDatabase.POSTGRESQL, impact, title, why, safeWay, matcher);
	}

	@FunctionalInterface
	interface Action {

		boolean matches(int start, int end);

	}

	/**
	 * A {@code CREATE [UNIQUE] INDEX [CONCURRENTLY] [IF NOT EXISTS] [name] ON [ONLY] table}.
	 */
	record Index(String table, boolean concurrently, boolean unique) {

		static @Nullable Index of(SqlText sql) {
			int i = 1;
			boolean unique = sql.at(i, "unique");
			if (unique) {
				i++;
			}
			if (!sql.startsWith("create") || !sql.at(i, "index")) {
				return null;
			}
			i++;
			boolean concurrently = sql.at(i, "concurrently");
			if (concurrently) {
				i++;
			}
			i = sql.skip(i, new String[] { "if", "not", "exists" });
			int on = sql.find(i, "on");
			if (on < 0) {
				return null;
			}
			return new Index(sql.nameAt(sql.skip(on + 1, new String[] { "only" })), concurrently, unique);
		}

	}

}
