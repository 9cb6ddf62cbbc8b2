package dev.smalls.internal;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The history as the engine plans with it, whatever order the database returns rows in.
 */
class HistoryTests {

	private static final Instant AT = Instant.parse("2026-11-22T10:00:00Z");

	@Test
	void sequencesReadOutOfOrderAreSorted() {
		AppliedSequences applied = AppliedSequences.of(new int[] { 7, 2, 40, 3, 0, 0 }, 4);
		assertThat(applied.size()).isEqualTo(4);
		assertThat(applied.current()).isEqualTo(40);
		assertThat(applied.sequenceAt(0)).isEqualTo(2);
		assertThat(applied.contains(3)).isTrue();
		assertThat(applied.contains(0)).isFalse();
		assertThat(applied.contains(5)).isFalse();
		assertThat(AppliedSequences.none().current()).isZero();
	}

	@Test
	void rowsKeepEveryColumnSortedBySequence() {
		History history = new History(List.of(new HistoryRow(5, "b", 2, AT, 7, "me@host", null),
				new HistoryRow(1, "a", 1, AT, 3, "me@host", null), new HistoryRow(3, "c", 2, AT, 1, "me@host", null)));
		assertThat(history.current()).isEqualTo(5);
		assertThat(history.maxBatch()).isEqualTo(2);
		assertThat(history.rows()).extracting(HistoryRow::name).containsExactly("a", "c", "b");
		assertThat(history.row(3).executionMillis()).isEqualTo(1);
		assertThat(history.row(5).name()).isEqualTo("b");
		assertThat(history.row(4)).isNull();
		assertThat(history.sequences().contains(1)).isTrue();
		assertThat(History.empty().current()).isZero();
		assertThat(History.empty().maxBatch()).isZero();
	}

}
