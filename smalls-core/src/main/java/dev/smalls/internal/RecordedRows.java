package dev.smalls.internal;

import java.util.List;

import dev.smalls.MigrationNames;
import dev.smalls.SmallsValidationException;
import dev.smalls.SmallsValidationException.Problem;

/**
 * Where a rollback stops at rows recorded without smalls running anything: a baseline is
 * never rolled back through (smalls never ran what built the schema below it), and an
 * adopted migration only through the code that now has its sequence. Internal: not for use
 * outside smalls.
 */
final class RecordedRows {

	private RecordedRows() {
	}

	/**
	 * Refuse to undo rows that smalls cannot undo because it never ran them.
	 * @param rows the rows a rollback would undo
	 * @param catalog the migrations in the code
	 * @param what what is refused, for the message
	 * @throws SmallsValidationException if one of the rows is a baseline, or adopted and not
	 * in the code
	 */
	static void refuseUndo(List<HistoryRow> rows, MigrationCatalog catalog, String what) {
		HistoryRow baseline = rows.stream()
			.filter((row) -> Origins.isBaseline(row.origin()))
			.reduce((first, second) -> (first.sequence() > second.sequence()) ? first : second)
			.orElse(null);
		if (baseline != null) {
			String shown = MigrationNames.display(baseline.sequence(), baseline.name());
			throw new SmallsValidationException(Problem.NOT_RUN_BY_SMALLS, List.of(baseline.sequence()),
					"Cannot " + what + ": " + shown + " is a baseline (" + baseline.origin() + "): the schema up to "
							+ "it was built before smalls, which never ran it and cannot undo it. Nothing was rolled "
							+ "back.",
					"Roll back no further than the baseline: rollback " + MigrationNames.display(baseline.sequence())
							+ " keeps it and undoes the migrations after it.");
		}
		List<HistoryRow> codeless = rows.stream()
			.filter((row) -> row.origin() != null && catalog.indexOf(row.sequence()) < 0)
			.toList();
		if (!codeless.isEmpty()) {
			HistoryRow highest = codeless.stream()
				.reduce((first, second) -> (first.sequence() > second.sequence()) ? first : second)
				.orElseThrow();
			List<String> shown = codeless.stream()
				.sorted((a, b) -> Integer.compare(a.sequence(), b.sequence()))
				.map((row) -> MigrationNames.display(row.sequence(), row.name()) + " (" + row.origin() + ")")
				.toList();
			throw new SmallsValidationException(Problem.NOT_RUN_BY_SMALLS,
					codeless.stream().map(HistoryRow::sequence).sorted().toList(),
					"Cannot " + what + ": " + String.join(", ", shown) + ((shown.size() == 1) ? " was" : " were")
							+ " adopted from another tool's history and the code has no migration with "
							+ ((shown.size() == 1) ? "that sequence" : "those sequences")
							+ ", so smalls cannot undo " + ((shown.size() == 1) ? "it" : "them")
							+ ". Nothing was rolled back.",
					"Roll back no further than " + MigrationNames.display(highest.sequence()) + ", or port "
							+ ((shown.size() == 1) ? "it" : "them") + " to smalls first: a SmallsMigration with the "
							+ "same sequence whose rollback undoes it (a Flyway undo script's body, if it had one).");
		}
	}

}
