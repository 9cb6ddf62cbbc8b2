package dev.smalls.lint;

import org.jspecify.annotations.Nullable;

/**
 * One check of the linter: an id, the database it is about, what it finds, why that locks
 * and for how long, and the safe way to write it. {@link LintRules#all()} lists them.
 */
public final class LintRule {

	private final String id;

	private final LintDatabase database;

	private final Impact impact;

	private final String title;

	private final String why;

	private final String safeWay;

	private final Matcher matcher;

	LintRule(String id, LintDatabase database, Impact impact, String title, String why, String safeWay,
			Matcher matcher) {
		this.id = id;
		this.database = database;
		this.impact = impact;
		this.title = title;
		this.why = why;
		this.safeWay = safeWay;
		this.matcher = matcher;
	}

	/**
	 * The rule's id, which findings name and acknowledgements use, e.g.
	 * {@code pg-index-not-concurrent}.
	 * @return the id
	 */
	public String id() {
		return this.id;
	}

	/**
	 * The database the rule is about.
	 * @return the database
	 */
	public LintDatabase database() {
		return this.database;
	}

	/**
	 * What the rule finds, in a line.
	 * @return the title
	 */
	public String title() {
		return this.title;
	}

	/**
	 * Why it locks, or fails, and what waits.
	 * @return the explanation
	 */
	public String why() {
		return this.why;
	}

	/**
	 * The safe way to write it.
	 * @return the advice, SQL or smalls code where it helps
	 */
	public String safeWay() {
		return this.safeWay;
	}

	/**
	 * For how long it may lock, as a phrase: the same for every finding of the rule but for the
	 * table's size.
	 * @return the phrase
	 */
	public String lockDuration() {
		return this.impact.phrase;
	}

	/**
	 * Whether the finding's severity depends on the table's size: a lock that lasts while
	 * every row is read is brief on a small table.
	 * @return whether it scales
	 */
	public boolean scalesWithTableSize() {
		return this.impact.scales;
	}

	Impact impact() {
		return this.impact;
	}

	@Nullable Hit match(SqlText sql, LintContext context) {
		return this.matcher.match(sql, context);
	}

	@Override
	public String toString() {
		return this.id;
	}

	/**
	 * Finds the rule's statements.
	 */
	@FunctionalInterface
	interface Matcher {

		/**
		 * @return the hit, or {@code null} if the statement is not one of the rule's
		 */
		@Nullable Hit match(SqlText sql, LintContext context);

	}

	/**
	 * A statement the rule found, and the table it acts on.
	 *
	 * @param table the table, or {@code null} if the statement names none
	 * @param detail what exactly, e.g. the column, or {@code null}
	 */
	record Hit(@Nullable String table, @Nullable String detail) {

		static Hit on(@Nullable String table) {
			return new Hit(table, null);
		}

	}

	/**
	 * What the statement does to the table's users, which decides how long it may last and
	 * whether the table's size matters.
	 */
	enum Impact {

		SCAN_BLOCKS_WRITES("writes to the table wait while every row is read", true),

		SCAN_BLOCKS_ALL("reads and writes of the table wait while every row is read", true),

		REWRITE_BLOCKS_ALL("reads and writes of the table wait while the whole table and its indexes are rewritten",
				true),

		REWRITE_BLOCKS_WRITES("writes to the table wait while the whole table is copied", true),

		UNTIL_COMMIT("the table stays locked until the migration's transaction ends, and every query on it waits",
				false),

		ROW_LOCKS("every row it changes stays locked until the transaction ends; writers of those rows wait", true),

		FAILS("not a lock: the statement fails", false),

		BREAKS_APPLICATION("not a lock: the release still running maps it, and its queries fail until it stops",
				false);

		final String phrase;

		final boolean scales;

		Impact(String phrase, boolean scales) {
			this.phrase = phrase;
			this.scales = scales;
		}

	}

}
