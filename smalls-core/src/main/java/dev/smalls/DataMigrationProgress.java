package dev.smalls;

import java.time.Duration;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * How far a {@link DataMigration} has got, as recorded in the database.
 *
 * @param sequence the migration's sequence
 * @param name the migration's name
 * @param state where it is
 * @param rowsDone the rows its batches processed, over every run
 * @param rowsTotal the rows to process in all, as estimated when the current run started;
 * -1 if unknown
 * @param batches the batches committed
 * @param failures the batches that failed (and were rolled back), over every run
 * @param runBy who runs it now (or ran it last)
 * @param startedAt when its first batch started, {@code null} before
 * @param updatedAt when its record last changed, {@code null} before it started
 * @param rowsPerSecond the rate of the current (or last) run, 0 before it processed anything
 * @param message why it stopped, if it did (who paused it, the last failure)
 */
public record DataMigrationProgress(int sequence, String name, DataMigrationState state, long rowsDone,
		long rowsTotal, long batches, int failures, @Nullable String runBy, @Nullable Instant startedAt,
		@Nullable Instant updatedAt, double rowsPerSecond, @Nullable String message) {

	/**
	 * The migration's sequence and name, e.g. {@code 0007_fill_full_name}.
	 * @return the display name
	 */
	public String displayName() {
		return MigrationNames.display(this.sequence, this.name);
	}

	/**
	 * How much is done, from 0 to 100.
	 * @return the percentage, 100 once done, -1 if the total is unknown
	 */
	public double percent() {
		if (this.state == DataMigrationState.DONE) {
			return 100;
		}
		if (this.rowsTotal <= 0) {
			return (this.rowsTotal == 0) ? 100 : -1;
		}
		return Math.min(100, 100.0 * this.rowsDone / this.rowsTotal);
	}

	/**
	 * The rows left to process.
	 * @return the count, 0 once done, -1 if the total is unknown
	 */
	public long rowsLeft() {
		if (this.state == DataMigrationState.DONE) {
			return 0;
		}
		return (this.rowsTotal < 0) ? -1 : Math.max(0, this.rowsTotal - this.rowsDone);
	}

	/**
	 * How long the rest should take at the current rate.
	 * @return the estimate, or {@code null} if the total or the rate is unknown
	 */
	public @Nullable Duration timeLeft() {
		long left = rowsLeft();
		if (left < 0 || (left > 0 && this.rowsPerSecond <= 0)) {
			return null;
		}
		return (left == 0) ? Duration.ZERO : Duration.ofMillis((long) (1000 * left / this.rowsPerSecond));
	}

	/**
	 * One line for a person, e.g.
	 * {@code 0007_fill_full_name RUNNING 52% (520,000 of 1,000,000 rows), 41,000 rows/s, about 12 s left}.
	 * @return the line
	 */
	public String describe() {
		StringBuilder line = new StringBuilder(displayName()).append(' ').append(this.state);
		if (this.state == DataMigrationState.WAITING || this.state == DataMigrationState.READY) {
			return line.toString();
		}
		double percent = percent();
		line.append(' ');
		if (percent >= 0) {
			line.append((long) Math.floor(percent)).append("% (").append(rows(this.rowsDone))
				.append(" of ").append(rows(Math.max(this.rowsTotal, this.rowsDone))).append(" rows)");
		}
		else {
			line.append(rows(this.rowsDone)).append(" rows");
		}
		if (this.state == DataMigrationState.RUNNING && this.rowsPerSecond > 0) {
			line.append(", ").append(rows((long) this.rowsPerSecond)).append(" rows/s");
			Duration left = timeLeft();
			if (left != null) {
				line.append(", about ").append(shown(left)).append(" left");
			}
		}
		if (this.message != null && this.state != DataMigrationState.RUNNING) {
			line.append(": ").append(this.message);
		}
		return line.toString();
	}

	/**
	 * A count with thousands separators, the same whatever the machine's locale: the log, the
	 * shell and the endpoint say {@code 1,000}, as the README does.
	 * @param count the count
	 * @return the text
	 */
	public static String rows(long count) {
		return String.format(java.util.Locale.ROOT, "%,d", count);
	}

	private static String shown(Duration duration) {
		long seconds = Math.max(1, duration.toSeconds());
		if (seconds < 120) {
			return seconds + " s";
		}
		if (seconds < 2 * 3600) {
			return (seconds / 60) + " min";
		}
		return (seconds / 3600) + " h " + ((seconds % 3600) / 60) + " min";
	}

}
