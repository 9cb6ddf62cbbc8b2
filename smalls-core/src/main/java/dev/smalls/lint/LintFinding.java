package dev.smalls.lint;

import java.util.Locale;

import org.jspecify.annotations.Nullable;

import dev.smalls.MigrationNames;

/**
 * One thing the linter found: which migration, which operation or statement, which rule,
 * why it locks and for how long, and the safe way to write it.
 *
 * @param sequence the migration's sequence
 * @param migration the migration's name
 * @param operation the operation ({@code addIndex ...}) or the statement it is about
 * @param rule the rule's id
 * @param severity how much it matters, from the rule and the table's size
 * @param table the table it acts on, or {@code null}
 * @param rows the table's rows as the database estimates them, or {@code null} if unknown
 * (or the table is created by the same migration)
 * @param why what it does: the lock it takes and what waits
 * @param lockDuration for how long
 * @param safeWay the safe way to write it
 * @param acknowledged the reason its author gave to acknowledge it, or {@code null}
 */
public record LintFinding(int sequence, String migration, String operation, String rule, LintSeverity severity,
		@Nullable String table, @Nullable Long rows, String why, String lockDuration, String safeWay,
		@Nullable String acknowledged) {

	/**
	 * Whether it stands in the way of {@link LintMode#FAIL}: a warning or an error that is not
	 * acknowledged.
	 * @return whether it is a problem
	 */
	public boolean isProblem() {
		return this.acknowledged == null && this.severity != LintSeverity.NOTICE;
	}

	/**
	 * The migration as people see it, e.g. {@code 0004_add_tags}.
	 * @return the display name
	 */
	public String displayName() {
		return MigrationNames.display(this.sequence, this.migration);
	}

	/**
	 * The finding in a few lines, for a console or a log.
	 * @return the text
	 */
	public String describe() {
		StringBuilder text = new StringBuilder();
		text.append(this.severity.name().toLowerCase(Locale.ROOT)).append(" [").append(this.rule).append("] ")
			.append(displayName()).append(": ").append(this.operation).append('\n');
		text.append("  why: ").append(this.why).append('\n');
		text.append("  lock: ").append(this.lockDuration);
		if (this.table != null && !this.table.isEmpty()) {
			text.append(" (").append(this.table);
			text.append((this.rows != null) ? ", about " + String.format(Locale.ROOT, "%,d", this.rows) + " rows"
					: ", size unknown");
			text.append(')');
		}
		text.append('\n');
		text.append("  safe way: ").append(this.safeWay);
		if (this.acknowledged != null) {
			text.append('\n').append("  acknowledged: ").append(this.acknowledged);
		}
		return text.toString();
	}

}
