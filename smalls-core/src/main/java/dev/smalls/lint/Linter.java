package dev.smalls.lint;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import dev.smalls.MigrationNames;

/**
 * Runs the rules of one database over migrations' statements. It reads no database itself:
 * the tables' sizes and what the application maps are given, read once per run
 * ({@link dev.smalls.SmallsMigrator#lint()} does that).
 */
public final class Linter {

	/** Below this many rows a table is small: a lock that lasts while it is read is brief. */
	public static final long DEFAULT_LARGE_TABLE_ROWS = 10_000;

	private final String databaseName;

	private final LintDatabase database;

	private final int majorVersion;

	private final Map<String, Long> rows;

	private final Set<String> mapped;

	private final long largeTableRows;

	private final List<LintRule> rules;

	/**
	 * A linter for one database.
	 * @param databaseName the database, as a smalls dialect names it ({@code PostgreSQL},
	 * {@code MariaDB}, {@code H2}...)
	 * @param majorVersion its major version, {@code 0} if unknown
	 * @param relationRows estimated rows per table (and index, for statements that name only an
	 * index), by name; a table missing here has an unknown size
	 * @param mapped tables and {@code table.column}s the application's model maps
	 * @param largeTableRows from how many rows a table is large
	 */
	public Linter(String databaseName, int majorVersion, Map<String, Long> relationRows, Set<String> mapped,
			long largeTableRows) {
		this.databaseName = databaseName;
		this.database = LintDatabase.of(databaseName);
		this.majorVersion = majorVersion;
		this.rows = new HashMap<>();
		relationRows.forEach((name, count) -> this.rows.put(LintContext.plain(name), count));
		this.mapped = new HashSet<>();
		mapped.forEach((name) -> this.mapped.add(name.toLowerCase(Locale.ROOT)));
		this.largeTableRows = largeTableRows;
		this.rules = LintRules.forDatabase(this.database);
	}

	/**
	 * What a person should know about the rules on this database, e.g. that no lock rule is
	 * written for H2.
	 * @return a note, or {@code null}
	 */
	public @Nullable String note() {
		if (this.database == LintDatabase.OTHER) {
			return "no lock rules are written for " + this.databaseName + " (its locks are not those of a "
					+ "production PostgreSQL or MariaDB): only the " + this.rules.size()
					+ " rules for any database applied; lint against the production database's kind to check "
					+ "locking DDL";
		}
		return null;
	}

	/**
	 * Lint one migration.
	 * @param migration its statements
	 * @return what was found, in statement order
	 * @throws IllegalArgumentException if it acknowledges a rule that does not exist
	 */
	public List<LintFinding> lint(Migration migration) {
		checkAcknowledged(migration, migration.acknowledged());
		List<SqlText> texts = new ArrayList<>(migration.statements().size());
		for (Statement statement : migration.statements()) {
			checkAcknowledged(migration, statement.acknowledged());
			texts.add(SqlText.of(statement.sql()));
		}
		List<LintFinding> findings = new ArrayList<>();
		Set<String> created = new HashSet<>();
		for (int i = 0; i < texts.size(); i++) {
			SqlText sql = texts.get(i);
			if (sql.size() == 0) {
				continue;
			}
			Statement statement = migration.statements().get(i);
			LintContext context = new LintContext(this.majorVersion, this.databaseName.toLowerCase(Locale.ROOT)
				.contains("maria"), migration.transactional(), texts.subList(0, i), texts.subList(i + 1, texts.size()),
					this.mapped);
			for (LintRule rule : this.rules) {
				LintRule.Hit hit = rule.match(sql, context);
				if (hit == null) {
					continue;
				}
				LintFinding finding = finding(migration, statement, rule, hit, created);
				if (finding != null) {
					findings.add(finding);
				}
			}
			String table = createdTable(sql);
			if (table != null) {
				created.add(LintContext.plain(table));
			}
		}
		return findings;
	}

	private @Nullable LintFinding finding(Migration migration, Statement statement, LintRule rule, LintRule.Hit hit,
			Set<String> created) {
		String table = (hit.table() != null && !hit.table().isEmpty()) ? hit.table() : null;
		boolean fresh = table != null && created.contains(LintContext.plain(table));
		Long rows = (table != null && !fresh) ? this.rows.get(LintContext.plain(table)) : null;
		LintSeverity severity;
		switch (rule.impact()) {
			case BREAKS_APPLICATION -> severity = LintSeverity.ERROR;
			case FAILS -> {
				if (!rule.id().equals("pg-required-column")) {
					severity = LintSeverity.ERROR;
				}
				else if (fresh || (rows != null && rows == 0)) {
					return null;
				}
				else {
					severity = (rows != null) ? LintSeverity.ERROR : LintSeverity.WARNING;
				}
			}
			default -> {
				if (fresh) {
					// A table the migration created has no rows and no other user yet.
					return null;
				}
				boolean small = rows != null && rows < this.largeTableRows;
				severity = (rule.scalesWithTableSize() && small) ? LintSeverity.NOTICE : LintSeverity.WARNING;
			}
		}
		String operation = statement.operation();
		if (hit.detail() != null && !operation.contains(hit.detail())) {
			operation = operation + " (" + hit.detail() + ")";
		}
		String acknowledged = statement.acknowledged().getOrDefault(rule.id(),
				migration.acknowledged().get(rule.id()));
		return new LintFinding(migration.sequence(), migration.name(), operation, rule.id(), severity, table, rows,
				rule.why(), rule.lockDuration(), rule.safeWay(), acknowledged);
	}

	private static @Nullable String createdTable(SqlText sql) {
		int i = 1;
		if (sql.at(i, "temporary") || sql.at(i, "temp") || sql.at(i, "unlogged")) {
			i++;
		}
		if (!sql.startsWith("create") || !sql.at(i, "table")) {
			return null;
		}
		return sql.nameAt(sql.skip(i + 1, new String[] { "if", "not", "exists" }));
	}

	private static void checkAcknowledged(Migration migration, Map<String, String> acknowledged) {
		acknowledged.forEach((rule, reason) -> {
			if (LintRules.find(rule).isEmpty()) {
				throw new IllegalArgumentException("Migration " + MigrationNames.display(migration.sequence(),
						migration.name()) + " acknowledges lint rule '" + rule + "', which does not exist; did you "
						+ "mean '" + LintRules.closest(rule) + "'? smalls lint --rules lists them all.");
			}
			if (reason == null || reason.isBlank()) {
				throw new IllegalArgumentException("Migration " + MigrationNames.display(migration.sequence(),
						migration.name()) + " acknowledges lint rule '" + rule + "' without a reason: say why it "
						+ "is safe here.");
			}
		});
	}

	/**
	 * One migration's statements, as the linter reads them.
	 *
	 * @param sequence its sequence
	 * @param name its name
	 * @param transactional whether its statements run in one transaction
	 * @param statements its statements, in order
	 * @param acknowledged rules acknowledged for the whole migration, by id, with reasons
	 */
	public record Migration(int sequence, String name, boolean transactional, List<Statement> statements,
			Map<String, String> acknowledged) {

		public Migration {
			statements = List.copyOf(statements);
			acknowledged = new LinkedHashMap<>(acknowledged);
		}

	}

	/**
	 * One statement, and the operation it comes from.
	 *
	 * @param operation the operation as the migration wrote it, or the statement itself
	 * @param sql the statement
	 * @param acknowledged rules acknowledged for this operation, by id, with reasons
	 */
	public record Statement(String operation, String sql, Map<String, String> acknowledged) {

		public Statement {
			acknowledged = new LinkedHashMap<>(acknowledged);
		}

		/**
		 * A statement of code, named by itself.
		 * @param sql the statement
		 * @return the statement
		 */
		public static Statement of(String sql) {
			String line = sql.strip().replaceAll("\\s+", " ");
			return new Statement((line.length() > 100) ? line.substring(0, 97) + "..." : line, sql, Map.of());
		}

	}

}
