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

	int warmups(int full) {
		return this.quick ? 0 : full;
	}

	int runs(int full) {
		return this.quick ? 1 : full;
	}

	/**
	 * The contenders of one repetition, each run starting with a different one, so that drift
	 * and the cost of going first hit all alike.
	 */
	static List<String> interleaved(List<String> contenders, int run) {
		List<String> rotated = new ArrayList<>(contenders);
		Collections.rotate(rotated, run);
		return rotated;
	}

}
