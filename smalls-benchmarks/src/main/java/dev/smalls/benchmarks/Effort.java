package dev.smalls.benchmarks;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * How much to measure: the full run, or the quick smoke run (tiny N, one sample, no warm-up)
 * that the tests use so the harness cannot rot.
 *
 * @param quick whether this is the smoke run
 */
record Effort(boolean quick) {

	static final int QUICK_SIZE = 20;

	int[] sizes(int... full) {
		return this.quick ? new int[] { QUICK_SIZE } : full;
	}

	private int warmups(int full) {
		return this.quick ? 0 : full;
	}

	private int runs(int full) {
		return this.quick ? 1 : full;
	}

	/**
	 * Rounds of warm-ups, then of samples, each round giving every contender one turn, each
	 * starting with a different contender, so that drift and the cost of going first hit all
	 * alike. The warm-up and sample counts are the full run's; the quick run has none and one.
	 * @param contenders the contenders
	 * @param warmups warm-up rounds in a full run
	 * @param runs sample rounds in a full run
	 * @param turn one contender's turn, told whether it is a sample to record
	 * @throws Exception whatever a turn throws
	 */
	void rounds(List<String> contenders, int warmups, int runs, Turn turn) throws Exception {
		int warm = warmups(warmups);
		for (int round = 0; round < warm + runs(runs); round++) {
			List<String> rotated = new ArrayList<>(contenders);
			Collections.rotate(rotated, round);
			for (String contender : rotated) {
				turn.take(contender, round >= warm);
			}
		}
	}

	/** Elapsed milliseconds since a {@link System#nanoTime()} reading. */
	static double millisSince(long started) {
		return (System.nanoTime() - started) / 1_000_000.0;
	}

	@FunctionalInterface
	interface Turn {

		void take(String contender, boolean measured) throws Exception;

	}

}
