package dev.smalls;

import java.util.ArrayList;
import java.util.List;

/**
 * The exact SQL of every pending migration, code migrations included, in order: obtained by
 * running them where nothing is kept (see {@link SmallsMigrator#plan()}).
 *
 * @param database the database's name, e.g. {@code PostgreSQL}
 * @param scratch {@code false} when the migrations ran in the migrated database in a
 * transaction that was rolled back, {@code true} when they ran on a scratch schema after the
 * applied migrations were replayed there (where DDL commits at once)
 * @param migrations the pending migrations, in the order migrate applies them
 */
public record MigrationPlan(String database, boolean scratch, List<PlannedMigration> migrations) {

	public MigrationPlan {
		migrations = List.copyOf(migrations);
	}

	/**
	 * Whether every pending migration ran where nothing was kept.
	 * @return {@code false} if one failed there
	 */
	public boolean failed() {
		return this.migrations.stream().anyMatch((migration) -> migration.outcome() == PlannedMigration.Outcome.FAILED);
	}

	/**
	 * The plan as an SQL script: a comment per migration, then its statements, each ending in
	 * {@code ;}.
	 * @return the lines
	 */
	public List<String> script() {
		List<String> lines = new ArrayList<>();
		lines.add("-- smalls plan: " + this.migrations.size() + " pending migration"
				+ ((this.migrations.size() == 1) ? "" : "s") + " on " + this.database + ", "
				+ (this.scratch ? "run on a scratch schema after the applied migrations were replayed there"
						: "run in a transaction that was rolled back"));
		for (PlannedMigration migration : this.migrations) {
			lines.add("");
			lines.add("-- " + migration.displayName() + switch (migration.outcome()) {
				case RAN -> "";
				case SHOWN -> " (not transactional: shown, not run)";
				case NOT_RUN -> " (not run)";
				case FAILED -> " (FAILED)";
			});
			if (migration.note() != null) {
				migration.note().lines().forEach((line) -> lines.add("-- " + line));
			}
			for (String statement : migration.statements()) {
				String trimmed = statement.strip();
				lines.add((trimmed.startsWith("--") || trimmed.endsWith(";")) ? trimmed : trimmed + ";");
			}
		}
		return lines;
	}

}
