package dev.smalls.internal;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.jspecify.annotations.Nullable;

import dev.smalls.MigrationNames;
import dev.smalls.SmallsException;
import dev.smalls.SmallsMigration;
import dev.smalls.SmallsValidationException;
import dev.smalls.SmallsValidationException.Problem;
import dev.smalls.dialect.DdlForeignKey;
import dev.smalls.dialect.Scratch;
import dev.smalls.dialect.SmallsDialect;
import dev.smalls.dialect.SmallsTables;
import dev.smalls.schema.Schema;
import dev.smalls.schema.SchemaMigration;
import dev.smalls.schema.SchemaPlan;
import dev.smalls.schema.SchemaRecreation;
import dev.smalls.schema.SchemaSnapshot;
import dev.smalls.schema.SquashMigration;
import dev.smalls.schema.SquashMigration.Replaced;
import dev.smalls.schema.SquashResult;

/**
 * A squash of the migrations {@code 1..through}: checked against the history first, then
 * replayed on one scratch schema, the schema read there and turned into operations, and those
 * operations run on a second scratch schema, so that what they do not build is found before
 * anything is written. The migrated database is only read. Internal: not for use outside
 * smalls.
 */
final class SquashReplay {

	private final Engine.Settings settings;

	private final SmallsDialect dialect;

	private final SmallsTables tables;

	SquashReplay(Engine.Settings settings, SmallsDialect dialect) {
		this.settings = settings;
		this.dialect = dialect;
		this.tables = new SmallsTables(settings.table());
	}

	/**
	 * Refuse a squash the database is not ready for: every migration up to {@code through}
	 * must be applied here as the code has it, with nothing missing and nothing edited.
	 * @param catalog the migrations other than a squash
	 * @param squash the squash already in the code, or {@code null}
	 * @param planner the planner
	 * @param history the history, read under the lock
	 * @param through the last migration to squash
	 * @throws SmallsValidationException if it is not
	 */
	static void check(MigrationCatalog catalog, @Nullable SquashMigration squash, MigrationPlanner planner,
			History history, int through) {
		if (through < 1) {
			throw refusal(Problem.INVALID_ARGUMENT, List.of(), "--through must be a migration's sequence, 1 or more, "
					+ "not " + through + ".", "Pass the last migration to squash, e.g. --through 500.");
		}
		Set<Integer> known = new TreeSet<>();
		for (int i = 0; i < catalog.size() && catalog.sequenceAt(i) <= through; i++) {
			known.add(catalog.sequenceAt(i));
		}
		if (squash != null) {
			if (squash.sequence() >= through) {
				throw refusal(Problem.INVALID_ARGUMENT, List.of(through), "The code's squash "
						+ squash.getClass().getName() + " already replaces " + MigrationNames.display(1) + ".."
						+ MigrationNames.display(squash.sequence()) + ".", "Squash through a later migration, or not at all.");
			}
			squash.replaced().forEach((replaced) -> known.add(replaced.sequence()));
		}
		if (!known.contains(through)) {
			throw refusal(Problem.INVALID_ARGUMENT, List.of(through), "The code has no migration "
					+ MigrationNames.display(through) + " to squash through (the highest is "
					+ MigrationNames.display(catalog.maxSequence()) + ").",
					"Run status, and pass the sequence of an applied migration.");
		}
		List<Integer> pending = known.stream().filter((sequence) -> history.row(sequence) == null).toList();
		if (!pending.isEmpty()) {
			throw refusal(Problem.INVALID_ARGUMENT, pending, shown(pending) + " up to "
					+ MigrationNames.display(through) + ((pending.size() == 1) ? " is" : " are") + " not applied on "
					+ "this database: a squash replaces only migrations every database may already have. Nothing was "
					+ "written.", "Migrate this database first (or squash through a lower sequence), then squash again.");
		}
		List<Integer> missing = history.rows()
			.stream()
			.map(HistoryRow::sequence)
			.filter((sequence) -> sequence <= through && !known.contains(sequence))
			.toList();
		if (!missing.isEmpty()) {
			throw refusal(Problem.MISSING_MIGRATION, missing, shown(missing) + ((missing.size() == 1) ? " is" : " are")
					+ " applied on this database, but the code has no such migration: a replay of the code would not "
					+ "build this database's schema. Nothing was written.",
					"Restore the missing migration classes from version control, then squash again.");
		}
		List<Integer> edited = planner.edited(history.rows()
			.stream()
			.filter((row) -> row.sequence() <= through)
			.toList()).stream().map(catalog::sequenceAt).toList();
		if (!edited.isEmpty()) {
			throw refusal(Problem.EDITED_MIGRATION, edited, shown(edited) + ((edited.size() == 1) ? " was" : " were")
					+ " edited after being applied: a replay of the code would not build what databases have. Nothing "
					+ "was written.", "Restore the applied code (or accept the edit with repair --accept), then squash "
							+ "again.");
		}
	}

	private static String shown(List<Integer> sequences) {
		String first = MigrationNames.display(sequences.get(0));
		return (sequences.size() == 1) ? first
				: first + " and " + (sequences.size() - 1) + " more (the last " + MigrationNames.display(
						sequences.get(sequences.size() - 1)) + ")";
	}

	private static SmallsValidationException refusal(Problem problem, List<Integer> sequences, String message,
			String action) {
		return new SmallsValidationException(problem, sequences, message, action);
	}

	/**
	 * Replay, read, and try the operations.
	 * @param replay an empty scratch to replay in
	 * @param trial an empty scratch to try the operations in
	 * @param through the last migration to squash
	 * @param catalog the migrations other than a squash, for the code migrations' names
	 * @return what was found
	 */
	SquashResult run(Scratch replay, Scratch trial, int through, MigrationCatalog catalog) {
		StepTransactions.STAND_IN_FOR.set(this.settings.dataSource());
		try {
			long started = System.nanoTime();
			scratchEngine(replay, this.settings.migrations()).migrate(through);
			long replayMillis = (System.nanoTime() - started) / 1_000_000;
			Read replayed = read(replay, true);
			SchemaRecreation operations = SchemaRecreation.of(replayed.snapshot(), this.dialect, replayed.upperCase(),
					foreignKeysIndexed());
			List<String> notCarried = new ArrayList<>(operations.problems());
			long squashMillis = 0;
			if (notCarried.isEmpty()) {
				SchemaMigration squash = migration(1, operations);
				started = System.nanoTime();
				scratchEngine(trial, List.of(squash)).migrate(1);
				squashMillis = (System.nanoTime() - started) / 1_000_000;
				Read built = read(trial, false);
				SchemaRecreation renames = operations.primaryKeysNamedAs(built.snapshot(), replayed.snapshot());
				if (!renames.primaryKeyNames().isEmpty()) {
					scratchEngine(trial, List.of(squash, migration(2, renames))).migrate(2);
					built = read(trial, false);
					operations.include(renames);
				}
				built.snapshot().differencesFrom(replayed.snapshot())
					.forEach((difference) -> notCarried.add("the squash would build a different schema: " + difference));
				Read trialRead = built;
				replayed.objects().stream().filter((object) -> !trialRead.objects().contains(object)).forEach(notCarried::add);
				long sequences = replayed.sequences() - built.sequences();
				if (sequences > 0) {
					notCarried.add(sequences + " sequence" + ((sequences == 1) ? "" : "s") + " besides those of the "
							+ "tables' identity columns " + ((sequences == 1) ? "is" : "are") + " not carried by the "
							+ "squash (its snapshot covers tables only)");
				}
			}
			return new SquashResult(through, this.dialect.databaseName(), replayed.replaced(), operations, notCarried,
					replayed.rows(), codeMigrations(catalog, through), replayMillis, squashMillis);
		}
		finally {
			StepTransactions.STAND_IN_FOR.remove();
		}
	}

	private static SchemaMigration migration(int sequence, SchemaRecreation operations) {
		return new SchemaMigration() {

			@Override
			public int sequence() {
				return sequence;
			}

			@Override
			public String name() {
				return "squash_trial_" + sequence;
			}

			@Override
			public void change(Schema schema) {
				operations.record(schema);
			}

		};
	}

	/** Whether a foreign key comes with an index of its name here: its DDL says so. */
	private boolean foreignKeysIndexed() {
		DdlForeignKey key = new DdlForeignKey("fk", "c", "r", "id");
		try {
			return !this.dialect.schemaDdl().addForeignKey("t", key, true, null)
				.equals(this.dialect.schemaDdl().addForeignKey("t", key, false, null));
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private List<String> codeMigrations(MigrationCatalog catalog, int through) {
		List<String> code = new ArrayList<>();
		for (int i = 0; i < catalog.size() && catalog.sequenceAt(i) <= through; i++) {
			SmallsMigration migration = catalog.migrationAt(i);
			boolean own = !(migration instanceof SchemaMigration schema)
					|| SchemaPlan.isWrittenByHand(schema, dev.smalls.SmallsMigrationException.Operation.MIGRATE)
					|| RunSession.plan(schema, false).runsOwnCode();
			if (own) {
				code.add(MigrationNames.display(catalog.sequenceAt(i), catalog.nameAt(i)));
			}
		}
		return code;
	}

	private Engine scratchEngine(Scratch scratch, List<? extends SmallsMigration> migrations) {
		return new Engine(this.settings.onScratch(scratch, migrations, "smalls squash", List.of()));
	}

	/** What a scratch holds after a run. */
	private record Read(SchemaSnapshot snapshot, boolean upperCase, List<Replaced> replaced, Map<String, Long> rows,
			Set<String> objects, long sequences) {
	}

	private Read read(Scratch scratch, boolean all) {
		String schema = scratch.schema();
		try (Connection connection = scratch.dataSource().getConnection()) {
			Object saved = null;
			if (schema != null) {
				saved = this.dialect.currentSchema(connection);
				this.dialect.useSchema(connection, schema);
			}
			try {
				SchemaSnapshot snapshot = SchemaSnapshot.read(connection).without(this.tables);
				boolean upperCase = connection.getMetaData().storesUpperCaseIdentifiers();
				if (!all) {
					return new Read(snapshot, upperCase, List.of(), Map.of(), objects(connection), sequences(connection));
				}
				String table = this.tables.history().substring(this.tables.history().indexOf('.') + 1);
				String history = (schema != null) ? schema + "." + table : table;
				History rows = new HistoryTable(history).read(connection, this.dialect);
				List<Replaced> replaced = (rows != null) ? rows.rows()
					.stream()
					.map((row) -> new Replaced(row.sequence(), row.name(), row.checksum()))
					.toList() : List.of();
				return new Read(snapshot, upperCase, replaced, rowCounts(connection, snapshot), objects(connection),
						sequences(connection));
			}
			finally {
				if (schema != null) {
					this.dialect.restoreSchema(connection, saved);
				}
			}
		}
		catch (SQLException ex) {
			throw new SmallsException("smalls could not read the scratch schema it squashed in: " + Failures.causeOf(ex)
					+ ". Nothing was written.", "Check that the user may read the metadata of the schemas it creates, "
							+ "and squash again.", ex);
		}
	}

	private Map<String, Long> rowCounts(Connection connection, SchemaSnapshot snapshot) throws SQLException {
		Map<String, Long> rows = new LinkedHashMap<>();
		String quote = connection.getMetaData().getIdentifierQuoteString().strip();
		for (SchemaSnapshot.Table table : snapshot.tables()) {
			try (Statement statement = connection.createStatement();
					ResultSet count = statement.executeQuery("SELECT COUNT(*) FROM " + quote
							+ table.name().replace(quote, quote + quote) + quote)) {
				if (count.next() && count.getLong(1) > 0) {
					rows.put(table.name(), count.getLong(1));
				}
			}
		}
		return rows;
	}

	/**
	 * How many sequences the scratch holds: counted, not named, as an identity column's
	 * sequence keeps the name of a renamed table on PostgreSQL and is named after the new one
	 * when the squash creates it.
	 */
	private static long sequences(Connection connection) throws SQLException {
		long count = 0;
		try (ResultSet rs = connection.getMetaData().getTables(connection.getCatalog(), connection.getSchema(), "%",
				null)) {
			while (rs.next()) {
				count += String.valueOf(rs.getString("TABLE_TYPE")).toUpperCase(Locale.ROOT).contains("SEQUENCE") ? 1 : 0;
			}
		}
		return count;
	}

	/**
	 * What the scratch holds besides tables, as the metadata names it: views, sequences,
	 * functions, procedures, triggers (sequences are counted). Compared between the replay and the squash, so what
	 * the database makes for both (a key's index, an identity's sequence) cancels out.
	 */
	private Set<String> objects(Connection connection) throws SQLException {
		Set<String> objects = new TreeSet<>();
		DatabaseMetaData metaData = connection.getMetaData();
		String catalog = connection.getCatalog();
		String schema = connection.getSchema();
		Set<String> own = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
		this.tables.all().forEach((name) -> own.add(name.substring(name.indexOf('.') + 1)));
		try (ResultSet rs = metaData.getTables(catalog, schema, "%", null)) {
			while (rs.next()) {
				String type = String.valueOf(rs.getString("TABLE_TYPE")).toUpperCase(Locale.ROOT);
				String name = rs.getString("TABLE_NAME");
				if (!type.contains("TABLE") && !type.contains("INDEX") && !type.contains("SEQUENCE")
						&& !own.contains(name)) {
					objects.add(type.toLowerCase(Locale.ROOT) + " " + name
							+ " is not carried by the squash (its snapshot covers tables only)");
				}
			}
		}
		try (ResultSet rs = metaData.getProcedures(catalog, schema, "%")) {
			while (rs.next()) {
				objects.add("routine " + rs.getString("PROCEDURE_NAME")
						+ " is not carried by the squash (its snapshot covers tables only)");
			}
		}
		String where = (schema != null) ? schema : catalog;
		if (where != null) {
			try (PreparedStatement query = connection.prepareStatement(
					"SELECT TRIGGER_NAME FROM INFORMATION_SCHEMA.TRIGGERS WHERE UPPER(TRIGGER_SCHEMA) = UPPER(?)")) {
				query.setString(1, where);
				try (ResultSet rs = query.executeQuery()) {
					while (rs.next()) {
						objects.add("trigger " + rs.getString(1)
								+ " is not carried by the squash (its snapshot covers tables only)");
					}
				}
			}
			catch (SQLException ex) {
				// A database without the standard view: its triggers cannot be listed.
			}
		}
		return objects;
	}

}
