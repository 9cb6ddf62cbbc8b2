package dev.smalls.commands;

import java.io.PrintWriter;
import java.util.function.Consumer;

import dev.smalls.DataMigrationProgress;
import dev.smalls.DataMigrationState;

/**
 * Prints a data migration's progress as its batches commit: on a terminal, one bar redrawn
 * in place ({@code [#######-------] 52% 520,000 of 1,000,000 rows, 41,000 rows/s, about 12 s
 * left}); elsewhere (a CI log, a pipe) a plain line at most every 5 s, and one at the end.
 */
final class DataProgressPrinter implements Consumer<DataMigrationProgress> {

	private static final long PLAIN_EVERY_NANOS = 5_000_000_000L;

	private static final long BAR_EVERY_NANOS = 200_000_000L;

	private static final int WIDTH = 30;

	private final PrintWriter out;

	private final boolean terminal;

	private long last;

	private boolean drawn;

	DataProgressPrinter(PrintWriter out, boolean terminal) {
		this.out = out;
		this.terminal = terminal;
	}

	@Override
	public void accept(DataMigrationProgress progress) {
		boolean running = progress.state() == DataMigrationState.RUNNING;
		long now = System.nanoTime();
		if (running && this.last != 0 && now - this.last < (this.terminal ? BAR_EVERY_NANOS : PLAIN_EVERY_NANOS)) {
			return;
		}
		this.last = now;
		if (this.terminal && running) {
			this.out.print("\r  " + bar(progress.percent()) + " " + progress.describe() + "   ");
			this.drawn = true;
		}
		else {
			end();
			this.out.println("  " + progress.describe());
		}
		this.out.flush();
	}

	/** End the bar's line, if one is drawn. */
	void end() {
		if (this.drawn) {
			this.out.println();
			this.drawn = false;
		}
	}

	static String bar(double percent) {
		if (percent < 0) {
			return "[" + "?".repeat(WIDTH) + "]";
		}
		int filled = (int) Math.round(percent * WIDTH / 100);
		return "[" + "#".repeat(filled) + "-".repeat(WIDTH - filled) + "]";
	}

}
