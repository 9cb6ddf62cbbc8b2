package dev.smalls.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

import dev.smalls.AdoptionResult;
import dev.smalls.MigrationInfo;
import dev.smalls.MigrationNames;
import dev.smalls.MigrationState;
import dev.smalls.SmallsValidationException;
import dev.smalls.SmallsValidationException.Problem;
import dev.smalls.dialect.SmallsTables;

/**
 * Records migrations as applied without running them (a baseline, another tool's history),
 * under the migration lock, in one transaction: smalls' history gets the rows, and the schema
 * is recorded as it is for drift checks; the user's schema is not touched. A row already
 * recorded with the same origin is left as it is, so that an adoption run again changes
 * nothing; any other row at an adopted sequence is refused. Internal: not for use outside
 * smalls.
 */
final class Adoption {

	private final RunSession session;

	private final LockedRun locked;

	private final boolean recordSchema;

	private final String by;

	Adoption(RunSession session, LockedRun locked, boolean recordSchema, String by) {
		this.session = session;
		this.locked = locked;
		this.recordSchema = recordSchema;
		this.by = by;
	}

	/**
	 * The rows of a baseline: the migrations of the code up to its sequence, and a row at the
	 * sequence itself if the code has no migration there.
	 * @param source what is adopted
	 * @param catalog the migrations in the code
	 * @param sequence the baseline's sequence
	 * @param origin the rows' origin
	 * @param name the name of the row at the sequence if the code has none there
	 * @param notes what else to say
	 * @return the plan
	 */
	static Plan baseline(String source, MigrationCatalog catalog, int sequence, String origin, String name,
			List<String> notes) {
		List<Entry> entries = new ArrayList<>(belowBaseline(catalog, sequence, origin, List.of()));
		if (catalog.indexOf(sequence) < 0) {
			entries.add(new Entry(sequence, name, origin));
		}
		return new Plan(source, entries, List.of(), notes);
	}

	/**
	 * The migrations of the code at or below a baseline that are not among some rows already:
	 * applied with the baseline, as the schema has what they would have made.
	 * @param catalog the migrations in the code
	 * @param baseline the baseline's sequence
	 * @param origin the baseline's origin
	 * @param taken rows planned already
	 * @return the rows
	 */
	static List<Entry> belowBaseline(MigrationCatalog catalog, int baseline, String origin, List<Entry> taken) {
		List<Entry> entries = new ArrayList<>();
		for (int i = 0; i < catalog.size() && catalog.sequenceAt(i) <= baseline; i++) {
			int sequence = catalog.sequenceAt(i);
			if (taken.stream().noneMatch((entry) -> entry.sequence() == sequence)) {
				entries.add(new Entry(sequence, catalog.nameAt(i), origin));
			}
		}
		return entries;
	}

	/**
	 * Record a plan's rows.
	 * @param plan the rows and what to say
	 * @param onlyIntoEmpty whether smalls' history must be empty (a baseline)
	 * @return what was recorded
	 * @throws SmallsValidationException if the history is not what the plan expects
	 */
	AdoptionResult record(Plan plan, boolean onlyIntoEmpty) {
		List<Entry> entries = plan.entries().stream().sorted(Comparator.comparingInt(Entry::sequence)).toList();
		Instant now = Instant.now();
		Recorded recorded = this.locked.underLock("record " + plan.source() + " in its history table "
				+ this.session.table(), (connection) -> inTransaction(connection, () -> {
					History history = this.session.readHistory();
					if (onlyIntoEmpty) {
						refuseIfNotEmpty(history, plan);
					}
					List<Entry> fresh = fresh(history, entries);
					insert(connection, fresh, history.maxBatch() + 1, now);
					int highest = Math.max(history.current(),
							entries.stream().mapToInt(Entry::sequence).max().orElse(0));
					return new Recorded(fresh, history.maxBatch() + 1, highest);
				}));
		List<String> notes = new ArrayList<>(plan.notes());
		if (recorded.entries().isEmpty() && !entries.isEmpty()) {
			notes.add("Everything was recorded already, by an earlier run of this adoption: nothing changed.");
		}
		boolean schema = !recorded.entries().isEmpty() && recordSchema();
		List<MigrationInfo> infos = recorded.entries()
			.stream()
			.map((entry) -> new MigrationInfo(entry.sequence(), entry.name(), MigrationState.APPLIED,
					recorded.batch(), now, 0L, this.by, entry.checksum(), entry.origin()))
			.toList();
		return new AdoptionResult(plan.source(), infos, plan.toPort(), notes, recorded.highest() + 1, schema);
	}

	private static void refuseIfNotEmpty(History history, Plan plan) {
		if (history.rows().isEmpty()) {
			return;
		}
		boolean baselined = history.rows().stream().anyMatch((row) -> Origins.isBaseline(row.origin()));
		throw new SmallsValidationException(Problem.ADOPTION_REFUSED, List.of(history.current()),
				"smalls' history is not empty: " + history.rows().size() + " migration"
						+ ((history.rows().size() == 1) ? " is" : "s are") + " recorded, up to "
						+ MigrationNames.display(history.current()) + (baselined ? ", with a baseline" : "")
						+ ". A " + plan.source() + " is only for a database smalls has not migrated yet. Nothing was "
						+ "recorded.",
				baselined ? "The database has its baseline already: run status to see it, and migrate to apply "
						+ "what follows it."
						: "smalls already knows what is applied here: run status, and migrate to apply what is "
								+ "pending.");
	}

	/** The entries not recorded yet; an entry recorded with another origin is refused. */
	private static List<Entry> fresh(History history, List<Entry> entries) {
		List<Entry> fresh = new ArrayList<>();
		List<String> clashes = new ArrayList<>();
		for (Entry entry : entries) {
			HistoryRow row = history.row(entry.sequence());
			if (row == null) {
				fresh.add(entry);
			}
			else if (!Objects.equals(row.origin(), entry.origin())) {
				clashes.add(MigrationNames.display(row.sequence(), row.name()) + " ("
						+ ((row.origin() != null) ? row.origin() : "run by smalls, batch " + row.batch()) + ")");
			}
		}
		if (!clashes.isEmpty()) {
			throw new SmallsValidationException(Problem.ADOPTION_REFUSED, List.of(),
					"smalls' history already records " + ((clashes.size() == 1) ? "a migration" : "migrations")
							+ " at the sequences to record: " + String.join(", ", clashes) + ". Nothing was recorded.",
					"Check which history is right with status. If these rows are the same migrations, nothing needs "
							+ "recording; otherwise give the other tool's versions other sequences (adopt flyway "
							+ "--map <version>=<n>, adopt liquibase --sequence <n>).");
		}
		return fresh;
	}

	private void insert(Connection connection, List<Entry> entries, int batch, Instant now) throws SQLException {
		if (entries.isEmpty()) {
			return;
		}
		Timestamp at = Timestamp.from(now);
		try (PreparedStatement insert = connection
			.prepareStatement(this.session.dialect().insertRecordedHistory(this.session.table()))) {
			for (Entry entry : entries) {
				insert.setInt(1, entry.sequence());
				insert.setString(2, entry.name());
				insert.setInt(3, batch);
				insert.setTimestamp(4, at);
				insert.setLong(5, 0);
				insert.setString(6, this.by);
				if (entry.checksum() != null) {
					insert.setString(7, entry.checksum());
				}
				else {
					insert.setNull(7, java.sql.Types.VARCHAR);
				}
				insert.setString(8, entry.origin());
				insert.addBatch();
			}
			insert.executeBatch();
		}
	}

	/** Record the schema as it is, for drift checks: a failure is logged, as after a run. */
	private boolean recordSchema() {
		if (!this.recordSchema) {
			return false;
		}
		ExpectedSchema expected = new ExpectedSchema(new SmallsTables(this.session.table()), this.session.dialect());
		try {
			this.locked.underLock("record the schema, for drift checks", (connection) -> {
				expected.accept(connection, expected.live(connection));
				return null;
			});
			return true;
		}
		catch (RuntimeException ex) {
			RunSession.Logging.logger.warn("smalls could not record the schema, for drift checks ("
					+ Failures.causeOf(ex) + "); what was adopted is recorded. Record it with drift --accept.", ex);
			return false;
		}
	}

	/** Work in one transaction, where the lock does not give one already. */
	static <T> T inTransaction(Connection connection, Work<T> work) throws SQLException {
		if (!connection.getAutoCommit()) {
			return work.run();
		}
		connection.setAutoCommit(false);
		try {
			T result = work.run();
			connection.commit();
			return result;
		}
		catch (SQLException | RuntimeException ex) {
			try {
				connection.rollback();
			}
			catch (SQLException rollback) {
				ex.addSuppressed(rollback);
			}
			throw ex;
		}
		finally {
			connection.setAutoCommit(true);
		}
	}

	@FunctionalInterface
	interface Work<T> {

		T run() throws SQLException;

	}

	/**
	 * A row to record.
	 *
	 * @param sequence its sequence
	 * @param name its name
	 * @param origin where it came from (see {@link Origins})
	 * @param checksum the checksum of the code that stands for it, checked to be what the
	 * other tool ran, or {@code null} if there is none to record
	 */
	record Entry(int sequence, String name, String origin, @Nullable String checksum) {

		Entry(int sequence, String name, String origin) {
			this(sequence, name, origin, null);
		}

	}

	/**
	 * What an adoption records and says.
	 *
	 * @param source what is adopted
	 * @param entries the rows to record
	 * @param toPort what a person should port, one sentence each
	 * @param notes what else was found, one sentence each
	 */
	record Plan(String source, List<Entry> entries, List<String> toPort, List<String> notes) {
	}

	private record Recorded(List<Entry> entries, int batch, int highest) {
	}

}
