package dev.smalls.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import dev.smalls.MigrationNames;
import dev.smalls.SmallsValidationException;
import dev.smalls.SmallsValidationException.Problem;
import dev.smalls.SqlFileMigration;
import dev.smalls.internal.FlywayHistoryReader.FlywayRow;

/**
 * What Flyway's history says is applied, as smalls history rows: pure logic, tested without
 * a database. Rows are read in Flyway's order, the last word on each version winning: a
 * successful migration applies it, an undo ({@code UNDO_*}) or a deletion ({@code DELETE},
 * Flyway 10's repair) takes it back, a failure leaves it failed until Flyway's repair
 * removes it. Baselines ({@code BASELINE}, {@code *_BASELINE}) stay baselines, below which
 * smalls never rolls back. Repeatable migrations are reported, not recorded: smalls has none.
 * Internal: not for use outside smalls.
 */
final class FlywayHistory {

	/** The longest name smalls stores. */
	private static final int MAX_NAME = 100;

	private final List<FlywayRow> rows;

	private final Map<String, Integer> sequences;

	FlywayHistory(List<FlywayRow> rows, Map<String, Integer> sequences) {
		this.rows = rows;
		this.sequences = sequences;
	}

	/**
	 * The rows to record.
	 * @param source what is adopted, for the result
	 * @param catalog the migrations in the code: those below a baseline are recorded with it
	 * @return the plan
	 * @throws SmallsValidationException if a migration failed, or a version has no sequence
	 */
	Adoption.Plan plan(String source, MigrationCatalog catalog) {
		Map<String, FlywayRow> applied = new LinkedHashMap<>();
		Map<String, FlywayRow> failed = new LinkedHashMap<>();
		Set<String> takenBack = new LinkedHashSet<>();
		List<String> notes = new ArrayList<>();
		for (FlywayRow row : this.rows) {
			String type = row.type().toUpperCase(Locale.ROOT);
			String version = row.version();
			if (version == null) {
				repeatableOrMarker(row, type, failed, notes);
				continue;
			}
			if (type.equals("DELETE") || (type.startsWith("UNDO_") && row.success())) {
				if (applied.remove(version) != null || failed.remove(version) != null) {
					takenBack.add(row.shown());
				}
			}
			else if (!row.success()) {
				failed.put(version, row);
			}
			else {
				failed.remove(version);
				applied.put(version, row);
			}
		}
		refuseFailed(failed);
		takenBack.forEach((row) -> notes.add("Not recorded, undone or deleted in Flyway's history: " + row + "."));
		return entries(source, applied, catalog, notes);
	}

	private static void repeatableOrMarker(FlywayRow row, String type, Map<String, FlywayRow> failed,
			List<String> notes) {
		if (type.equals("SCHEMA") || type.equals("TABLE") || type.equals("DELETE")) {
			return;
		}
		if (!row.success()) {
			failed.put("R " + row.script(), row);
			return;
		}
		notes.add("Not recorded: the repeatable migration " + row.shown() + ". smalls has no repeatable migrations; "
				+ "what it last created is in the database. To change it again, write a smalls migration that does.");
	}

	private static void refuseFailed(Map<String, FlywayRow> failed) {
		if (failed.isEmpty()) {
			return;
		}
		List<String> shown = failed.values().stream().map(FlywayRow::shown).toList();
		throw new SmallsValidationException(Problem.ADOPTION_REFUSED, List.of(),
				"Flyway's history records " + ((shown.size() == 1) ? "a failed migration" : "failed migrations") + ": "
						+ String.join(", ", shown) + ". smalls cannot tell what of it is in effect. Nothing was "
						+ "recorded.",
				"Finish it in Flyway first: undo by hand what the failed migration did part-way, run flyway repair "
						+ "(it removes the failed row), fix and run it with flyway migrate (or leave it out), then "
						+ "adopt again.");
	}

	private Adoption.Plan entries(String source, Map<String, FlywayRow> applied, MigrationCatalog catalog,
			List<String> notes) {
		List<String> unmapped = new ArrayList<>();
		Map<Integer, String> versionOf = new LinkedHashMap<>();
		List<String> clashes = new ArrayList<>();
		List<Adoption.Entry> entries = new ArrayList<>();
		List<String> toPort = new ArrayList<>();
		List<String> changed = new ArrayList<>();
		int baseline = -1;
		String baselineOrigin = null;
		for (FlywayRow row : applied.values()) {
			String version = row.version();
			Integer sequence = sequence(version, isBaseline(row));
			if (sequence == null) {
				unmapped.add(version);
				continue;
			}
			String other = versionOf.putIfAbsent(sequence, version);
			if (other != null) {
				clashes.add("V" + other + " and V" + version + " both get " + MigrationNames.display(sequence));
				continue;
			}
			String name = name(row, sequence);
			if (isBaseline(row)) {
				String origin = Origins.fit(Origins.BASELINE + " flyway V" + version + " " + row.description(), "");
				entries.add(new Adoption.Entry(sequence, name, origin));
				if (sequence > baseline) {
					baseline = sequence;
					baselineOrigin = origin;
				}
				continue;
			}
			String origin = Origins.flyway(row.type(), row.script(), row.checksum());
			if (catalog.get(sequence) instanceof SqlFileMigration file) {
				if (row.checksum() != null && row.checksum() != file.flywayChecksum()) {
					changed.add(file.location() + " (Flyway recorded checksum " + row.checksum() + " for "
							+ row.script() + ", the file now gives " + file.flywayChecksum() + ")");
				}
				// Checked to be what Flyway ran: from now on smalls' own checksum shows an edit.
				entries.add(new Adoption.Entry(sequence, name, origin, catalog.checksumAt(catalog.indexOf(sequence))));
				continue;
			}
			entries.add(new Adoption.Entry(sequence, name, origin));
			if (!row.type().toUpperCase(Locale.ROOT).startsWith("SQL") && catalog.indexOf(sequence) < 0) {
				toPort.add(port(row, sequence, name));
			}
		}
		refuseUnmapped(unmapped, clashes);
		refuseChanged(changed);
		this.sequences.keySet()
			.stream()
			.filter((version) -> !applied.containsKey(version))
			.forEach((version) -> notes.add("The sequence given for V" + version + " was not used: Flyway's history "
					+ "has no applied migration of that version."));
		if (baselineOrigin != null) {
			entries.addAll(Adoption.belowBaseline(catalog, baseline, baselineOrigin, entries));
		}
		return new Adoption.Plan(source, entries, toPort, notes);
	}

	private @Nullable Integer sequence(String version, boolean baseline) {
		Integer mapped = this.sequences.get(version);
		if (mapped != null) {
			return mapped;
		}
		if (version.isEmpty() || !version.chars().allMatch((c) -> c >= '0' && c <= '9')) {
			return null;
		}
		try {
			int sequence = Integer.parseInt(version);
			return (sequence >= 1 || (baseline && sequence == 0)) ? sequence : null;
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

	private static boolean isBaseline(FlywayRow row) {
		String type = row.type().toUpperCase(Locale.ROOT);
		return type.equals("BASELINE") || type.endsWith("_BASELINE");
	}

	/** The name a SQL-file migration {@code V<n>__<description>.sql} gets: the description in snake case. */
	private static String name(FlywayRow row, int sequence) {
		String name = MigrationNames.toSnakeCase(row.description());
		if (name.length() > MAX_NAME) {
			name = name.substring(0, MAX_NAME);
		}
		return MigrationNames.isValid(name) ? name : "flyway_" + sequence;
	}

	private static String port(FlywayRow row, int sequence, String name) {
		return MigrationNames.display(sequence, name) + " (Flyway " + row.type() + " migration " + row.script()
				+ "): recorded as applied; port it when you need to roll it back or run it on a new database: a "
				+ "SmallsMigration bean with sequence() " + sequence + " and name " + name + ", its migrate(JdbcTemplate) "
				+ "the body of the Flyway migration's migrate(Context) (context.getConnection() becomes the "
				+ "JdbcTemplate's), its rollback the body of its undo migration if it had one.";
	}

	private static void refuseChanged(List<String> changed) {
		if (changed.isEmpty()) {
			return;
		}
		throw new SmallsValidationException(Problem.ADOPTION_REFUSED, List.of(),
				((changed.size() == 1) ? "A SQL file was" : "SQL files were") + " changed since Flyway ran "
						+ ((changed.size() == 1) ? "it" : "them") + ": " + String.join("; ", changed)
						+ ". The database has what Flyway ran, not what the file says. Nothing was recorded.",
				"Restore each file as Flyway ran it (from version control) and put the change in a new migration; "
						+ "if the database already has the change, run flyway repair (it records the files' "
						+ "checksums), then adopt again.");
	}

	private static void refuseUnmapped(List<String> unmapped, List<String> clashes) {
		if (!unmapped.isEmpty()) {
			throw new SmallsValidationException(Problem.ADOPTION_REFUSED, List.of(),
					"Flyway's history has " + ((unmapped.size() == 1) ? "a version" : "versions") + " that "
							+ ((unmapped.size() == 1) ? "is" : "are") + " not a whole number from 1, which smalls' "
							+ "sequences are: V" + String.join(", V", unmapped) + ". Nothing was recorded.",
					"Give each a sequence that keeps Flyway's order, e.g. adopt flyway"
							+ String.join("", unmapped.stream().map((version) -> " --map " + version + "=<n>").toList())
							+ ", each <n> not taken by another version (renumber all of them by their place in the "
							+ "history if need be). Rename their SQL files to V<n>__... the same way.");
		}
		if (!clashes.isEmpty()) {
			throw new SmallsValidationException(Problem.ADOPTION_REFUSED, List.of(),
					"Two Flyway versions would get one sequence: " + String.join("; ", clashes)
							+ ". Nothing was recorded.",
					"Map each version with --map <version>=<n> to a sequence no other version has.");
		}
	}

}
