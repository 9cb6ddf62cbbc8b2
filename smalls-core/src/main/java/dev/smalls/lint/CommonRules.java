package dev.smalls.lint;

import java.util.List;

import org.jspecify.annotations.Nullable;

import dev.smalls.lint.LintRule.Hit;
import dev.smalls.lint.LintRule.Impact;

/**
 * Rules for every database: whole-table writes, and renaming or dropping what the running
 * application still maps (known when the application's JPA model, or a declared list, is
 * given to the linter).
 */
final class CommonRules {

	private CommonRules() {
	}

	static List<LintRule> rules() {
		return List.of(
				rule("whole-table-write", Impact.ROW_LOCKS, "UPDATE or DELETE of every row in one statement",
						"An UPDATE or DELETE without WHERE locks every row it changes until the migration's "
								+ "transaction ends: writers of the table wait, and on a large table that is long.",
						"Change the rows in batches (by key ranges), each committed on its own: a data migration "
								+ "that runs in batches.",
						(sql, context) -> {
							if (sql.startsWith("update")) {
								return sql.has("where") ? null : Hit.on(sql.nameAt(sql.skip(1, new String[] { "only" })));
							}
							if (sql.startsWith("delete", "from")) {
								return sql.has("where") ? null : Hit.on(sql.nameAt(sql.skip(2, new String[] { "only" })));
							}
							return null;
						}),
				rule("mapped-column-dropped", Impact.BREAKS_APPLICATION, "Dropping a column the application maps",
						"The application's JPA model still maps this column: once it is gone, every query "
								+ "Hibernate writes for the entity fails, in this release and in the one still running.",
						"Contract in a later release: first deploy a model that no longer maps the column "
								+ "(@Transient, or remove the field), then drop it.",
						(sql, context) -> column(sql, context, true)),
				rule("mapped-column-renamed", Impact.BREAKS_APPLICATION, "Renaming a column the application maps",
						"The application's JPA model still maps the old name: its queries fail once it is "
								+ "renamed, in this release and in the one still running.",
						"Expand/contract: add the new column, write both, fill it in batches, switch reads, "
								+ "then drop the old column in a later release.",
						(sql, context) -> column(sql, context, false)),
				rule("mapped-table-dropped", Impact.BREAKS_APPLICATION, "Dropping a table the application maps",
						"The application's JPA model still maps this table: every query on the entity fails "
								+ "once it is gone.",
						"First deploy a model without the entity, then drop the table in a later release.",
						(sql, context) -> {
							if (!sql.startsWith("drop", "table")) {
								return null;
							}
							int i = sql.skip(2, new String[] { "if", "exists" });
							String table = sql.nameAt(i);
							return context.maps(table) ? Hit.on(table) : null;
						}),
				rule("mapped-table-renamed", Impact.BREAKS_APPLICATION, "Renaming a table the application maps",
						"The application's JPA model still maps the old name: its queries fail once it is "
								+ "renamed.",
						"Create a view with the old name over the renamed table for the time both releases run, "
								+ "or copy the data in an expand/contract sequence.",
						(sql, context) -> {
							String table = null;
							if (sql.startsWith("rename", "table")) {
								table = sql.nameAt(2);
							}
							else if (sql.alteredTable() != null && sql.has("rename", "to")
									&& !sql.has("column") && !sql.has("constraint") && !sql.has("index")) {
								table = sql.alteredTable();
							}
							return (table != null && context.maps(table)) ? Hit.on(table) : null;
						}));
	}

	private static @Nullable Hit column(SqlText sql, LintContext context, boolean drop) {
		String table = sql.alteredTable();
		if (table == null) {
			return null;
		}
		for (int start : sql.alterTableActions()) {
			String column = drop ? dropped(sql, start) : renamed(sql, start);
			if (column != null && context.maps(table, column)) {
				return new Hit(table, column);
			}
		}
		return null;
	}

	private static @Nullable String dropped(SqlText sql, int start) {
		if (!sql.at(start, "drop")) {
			return null;
		}
		int i = start + 1;
		String next = sql.token(i);
		if (next.equals("column")) {
			i = sql.skip(i + 1, new String[] { "if", "exists" });
			return sql.token(i);
		}
		boolean other = next.equals("constraint") || next.equals("index") || next.equals("key")
				|| next.equals("primary") || next.equals("foreign") || next.equals("check")
				|| next.equals("partition") || next.equals("default");
		return other ? null : sql.token(i);
	}

	private static @Nullable String renamed(SqlText sql, int start) {
		if (sql.at(start, "rename", "column")) {
			return sql.token(start + 2);
		}
		if (sql.at(start, "rename") && !sql.at(start + 1, "to") && !sql.at(start + 1, "constraint")
				&& !sql.at(start + 1, "index") && !sql.at(start + 1, "key") && sql.at(start + 2, "to")) {
			return sql.token(start + 1);
		}
		if (sql.at(start, "alter", "column") && sql.at(start + 3, "rename", "to")) {
			return sql.token(start + 2);
		}
		if (sql.at(start, "change")) {
			int i = sql.at(start + 1, "column") ? start + 2 : start + 1;
			String from = sql.token(i);
			return from.equals(sql.token(i + 1)) ? null : from;
		}
		return null;
	}

	private static LintRule rule(String id, Impact impact, String title, String why, String safeWay,
			LintRule.Matcher matcher) {
		return new LintRule(id, LintDatabase.ANY, impact, title, why, safeWay, matcher);
	}

}
