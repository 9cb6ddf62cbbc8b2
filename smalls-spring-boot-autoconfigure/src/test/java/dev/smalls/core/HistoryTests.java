package dev.smalls.core;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The history as the engine plans with it, whatever order the database returns rows in.
 */
class HistoryTests {

	@Test
	void rowsReturnedOutOfOrderAreSortedWithTheirBatches() {
		History history = History.ofApplied(new int[] { 7, 2, 40, 3, 0, 0 }, new int[] { 3, 1, 4, 2, 0, 0 }, 4);
		assertThat(history.size()).isEqualTo(4);
		assertThat(history.current()).isEqualTo(40);
		assertThat(history.maxBatch()).isEqualTo(4);
		assertThat(history.isApplied(3)).isTrue();
		assertThat(history.isApplied(0)).isFalse();
		assertThat(history.isApplied(5)).isFalse();
		assertThat(history.rows().keySet()).containsExactly(2, 3, 7, 40);
		assertThat(history.rows().get(7).batch()).isEqualTo(3);
		assertThat(history.rows().get(40).batch()).isEqualTo(4);
	}

	@Test
	void aHistoryReadWithoutBatchesRefusesToGuessTheNextBatch() {
		History history = History.ofApplied(new int[] { 1, 2 }, null, 2);
		assertThat(history.current()).isEqualTo(2);
		assertThatIllegalStateException().isThrownBy(history::maxBatch);
	}

	@Test
	void fullRowsKeepEveryColumn() {
		Instant at = Instant.parse("2026-11-22T10:00:00Z");
		History history = new History(List.of(new HistoryRow(5, "b", 2, at, 7, "me@host"),
				new HistoryRow(1, "a", 1, at, 3, "me@host")));
		assertThat(history.current()).isEqualTo(5);
		assertThat(history.maxBatch()).isEqualTo(2);
		assertThat(history.rows().values()).extracting(HistoryRow::name).containsExactly("a", "b");
		assertThat(History.empty().current()).isZero();
		assertThat(History.empty().maxBatch()).isZero();
	}

}
