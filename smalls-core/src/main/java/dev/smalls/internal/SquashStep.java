package dev.smalls.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.JdbcTemplate;

import dev.smalls.MigrationNames;
import dev.smalls.SmallsMigration;
import dev.smalls.SmallsValidationException;
import dev.smalls.SmallsValidationException.Problem;
import dev.smalls.dialect.SmallsDialects;
import dev.smalls.schema.Schema;
import dev.smalls.schema.SchemaMigration;
import dev.smalls.schema.SquashMigration;
import dev.smalls.schema.SquashMigration.Replaced;

/**
 * A squash as the step that runs it on a database with none of its migrations applied: the
 * squash's operations, then, in the same transaction as the step's own row (that of the last
 * replaced migration), a row for every other replaced migration. Its rollback is the squash's
 * derived one; the rows of the other replaced migrations are forgotten by their
 * {@link #placeholders() placeholders}, newest first, as a rollback forgets any row.
 * Internal: not for use outside smalls.
 */
final class SquashStep implements SchemaMigration, Wrapped {

	private final SquashMigration squash;

	private final Replaced last;

	private final String history;

	private final String appliedBy;

	/**
	 * The step of a squash.
	 * @param squash the squash, checked by {@link Squashes}
	 * @param history the history table, qualified as the run writes it
	 * @param appliedBy who is recorded as applying the replaced migrations
	 */
	SquashStep(SquashMigration squash, String history, String appliedBy) {
		this.squash = squash;
		List<Replaced> replaced = squash.replaced();
		this.last = replaced.get(replaced.size() - 1);
		this.history = history;
		this.appliedBy = appliedBy;
	}

	@Override
	public int sequence() {
		return this.last.sequence();
	}

	@Override
	public String name() {
		return this.last.name();
	}

	/**
	 * The checksum the last replaced migration's row records: what {@link Checksums} records
	 * for this step, so that its row is the one a replay writes.
	 * @return the checksum, or {@code null}
	 */
	@Nullable String recordedChecksum() {
		return this.last.checksum();
	}

	@Override
	public Class<?> declaringClass() {
		return this.squash.getClass();
	}

	@Override
	public void change(Schema schema) {
		schema.run(this::requireNoneApplied, (jdbc) -> {
		});
		this.squash.change(schema);
		schema.run(this::recordReplaced, (jdbc) -> {
		});
	}

	/** Another instance may have applied old migrations since this run chose the squash. */
	private void requireNoneApplied(JdbcTemplate jdbc) {
		Integer applied = jdbc.queryForObject("SELECT COUNT(*) FROM " + this.history + " WHERE sequence_no <= ?",
				Integer.class, sequence());
		if (applied != null && applied > 0) {
			throw new SmallsValidationException(Problem.OTHER, List.of(sequence()),
					"Another instance applied migrations the squash " + this.squash.getClass().getName()
							+ " replaces, after this run chose to build the database from it. Nothing was run.",
					"Migrate again: the database now goes on with the migrations' own classes.");
		}
	}

	/**
	 * Write the history rows of the replaced migrations but the last (the step writes its
	 * own): the one place that writes rows of migrations that were not run, where their origin
	 * is to be recorded.
	 */
	private void recordReplaced(JdbcTemplate jdbc) {
		Integer maxBatch = jdbc.queryForObject("SELECT MAX(batch) FROM " + this.history, Integer.class);
		int batch = ((maxBatch != null) ? maxBatch : 0) + 1;
		Timestamp now = Timestamp.from(Instant.now());
		List<Object[]> rows = new ArrayList<>();
		for (Replaced replaced : this.squash.replaced()) {
			if (replaced.sequence() != sequence()) {
				rows.add(new Object[] { replaced.sequence(), replaced.name(), batch, now, 0L, this.appliedBy,
						replaced.checksum(), null });
			}
		}
		jdbc.batchUpdate(SmallsDialects.current(jdbc).insertHistory(this.history), rows);
	}

	/**
	 * Stand-ins for the replaced migrations but the last, for a rollback of the whole squash:
	 * each undoes nothing (the squash's rollback dropped it all) and forgets its row.
	 * @return one per replaced migration but the last
	 */
	List<SmallsMigration> placeholders() {
		List<SmallsMigration> placeholders = new ArrayList<>();
		for (Replaced replaced : this.squash.replaced()) {
			if (replaced.sequence() != sequence()) {
				placeholders.add(new Placeholder(replaced));
			}
		}
		return placeholders;
	}

	@Override
	public String toString() {
		return "squash " + this.squash.getClass().getName() + " of " + MigrationNames.display(1) + ".."
				+ MigrationNames.display(sequence());
	}

	private record Placeholder(Replaced replaced) implements SmallsMigration {

		@Override
		public int sequence() {
			return this.replaced.sequence();
		}

		@Override
		public String name() {
			return this.replaced.name();
		}

		@Override
		public void migrate(JdbcTemplate jdbc) {
			throw new IllegalStateException(MigrationNames.display(sequence(), name()) + " is squashed: it only "
					+ "stands in for a rollback of its squash");
		}

		@Override
		public void rollback(JdbcTemplate jdbc) {
		}

	}

}
