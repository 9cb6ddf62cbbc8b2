package dev.smalls.generate;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

import javax.sql.DataSource;

import org.hibernate.dialect.Dialect;

import dev.smalls.MigrationInfo;
import dev.smalls.MigrationNames;
import dev.smalls.MigrationState;
import dev.smalls.MigrationStatus;
import dev.smalls.SmallsException;
import dev.smalls.SmallsMigrator;
import dev.smalls.SmallsValidationException;
import dev.smalls.commands.MigrationFileWriter;
import dev.smalls.dialect.SmallsTables;
import dev.smalls.generate.SchemaComparison.Comparison;
import dev.smalls.lint.LintResult;
import dev.smalls.schema.Schema;
import dev.smalls.schema.SchemaMigration;
import dev.smalls.schema.SchemaPlan;

/**
 * Writes the next migration from the JPA model, as Alembic's and weppy's autogenerate do: it
 * compares the tables Hibernate maps with the live database and writes a numbered
 * {@link SchemaMigration} whose {@code change} brings the database to the model, and whose
 * rollback (derived by smalls) brings it back. Drops are written as comments unless allowed;
 * with migrations pending it refuses, since the new migration would repeat them. Every name
 * goes through the checks of the schema operations before anything is written. {@link #check}
 * compares alike and writes nothing, for CI.
 */
public final class MigrationGenerator {

	private final SmallsMigrator migrator;

	private final DataSource dataSource;

	private final Supplier<JpaModel> model;

	private final MigrationFileWriter files;

	private final List<String> leftAlone;

	/**
	 * A generator.
	 * @param migrator the migrator, for what is applied and pending and for its own tables
	 * @param dataSource the database to compare, the one smalls migrates
	 * @param model the JPA model, asked for when a migration is generated
	 * @param directory where migration files go ({@code smalls.create.directory})
	 * @param packageName their package ({@code smalls.create.package})
	 * @param ignoredTables tables generate neither creates, changes nor drops, besides smalls'
	 * own
	 */
	public MigrationGenerator(SmallsMigrator migrator, DataSource dataSource, Supplier<JpaModel> model, Path directory,
			String packageName, Collection<String> ignoredTables) {
		this.migrator = migrator;
		this.dataSource = dataSource;
		this.model = model;
		this.files = new MigrationFileWriter(directory, packageName);
		// Within the schema it reads: smalls' own tables without the schema.
		List<String> leftAlone = new ArrayList<>(new SmallsTables(migrator.getTable()).all()
			.stream()
			.map((table) -> table.substring(table.lastIndexOf('.') + 1))
			.toList());
		leftAlone.addAll(ignoredTables);
		this.leftAlone = List.copyOf(leftAlone);
	}

	/**
	 * Compare the model with the database and write the next migration, if there is anything
	 * to write.
	 * @param description what the migration does, in words; it names the class and the file
	 * @param options whether drops are written, and whether pending migrations are ignored
	 * @return the file written, if any, its operations, the drops withheld and the notes
	 * @throws SmallsValidationException if migrations are pending, or the model has a name or
	 * type smalls cannot write; nothing is written then
	 */
	public GenerateResult generate(String description, GenerateOptions options) {
		String name = MigrationFileWriter.name(description);
		MigrationStatus status = this.migrator.status();
		List<String> pending = pending(status);
		if (!options.ignorePending() && !pending.isEmpty()) {
			throw new SmallsValidationException(pending(pending) + ": a migration generated now would repeat what "
					+ ((pending.size() == 1) ? "it does" : "they do") + ". Nothing was written.",
					"Build and apply " + ((pending.size() == 1) ? "it" : "them") + " first (smalls migrate), or delete "
							+ "what you do not want, and generate again; --ignore-pending generates anyway.");
		}
		Differences differences = differences(options);
		if (differences.active().isEmpty()) {
			return new GenerateResult(null, null, List.of(), differences.withheldOperations(), differences.notes(),
					pending);
		}
		int sequence = this.files.nextSequence(highest(status));
		SchemaMigration migration = replay(sequence, name, differences.active());
		SchemaPlan plan = plan(migration, differences.owners());
		List<String> notes = new ArrayList<>(differences.notes());
		notes.addAll(lint(migration));
		Path written = this.files.write(sequence, name, (packageName, className, migrationName,
				migrationSequence) -> MigrationSource.write(packageName, className, migrationSequence, migrationName,
						differences.active(), differences.withheld(), notes))
			.file();
		return new GenerateResult(written, plan.migration(), plan.operations(), differences.withheldOperations(),
				notes, pending);
	}

	/**
	 * Compare the model with the database as {@link #generate} does, and write nothing: what
	 * generate would write and withhold now, for a CI gate that fails while the entities and the
	 * migrations disagree (as Django's {@code makemigrations --check} and {@code alembic check}
	 * do). The database must be as the migrations leave it: with migrations pending it refuses,
	 * since what they do is not in the database yet, and the answer would be wrong both ways. With
	 * {@link GenerateOptions#ignorePending()} it compares anyway, and the result names them.
	 * Reads only: the history, the schema and the model.
	 * @param options whether drops count as operations or as withheld, and whether pending
	 * migrations are ignored
	 * @return what generate would write ({@link GenerateResult#upToDate()} when nothing), never
	 * a file
	 * @throws SmallsValidationException if migrations are pending, or the model has a name or
	 * type smalls cannot write
	 */
	public GenerateResult check(GenerateOptions options) {
		MigrationStatus status = this.migrator.status();
		List<String> pending = pending(status);
		if (!options.ignorePending() && !pending.isEmpty()) {
			throw new SmallsValidationException(pending(pending) + ": the database is not yet as the migrations "
					+ "leave it, so comparing it with the model cannot tell whether they agree. Nothing was checked.",
					"Apply " + ((pending.size() == 1) ? "it" : "them") + " first (smalls migrate; in CI, on a "
							+ "database of its own), then run smalls generate --check again; --ignore-pending "
							+ "compares with the database as it is.");
		}
		Differences differences = differences(options);
		if (differences.active().isEmpty()) {
			return new GenerateResult(null, null, List.of(), differences.withheldOperations(), differences.notes(),
					pending);
		}
		SchemaMigration migration = replay(highest(status) + 1, "check", differences.active());
		List<String> operations = plan(migration, differences.owners()).operations();
		List<String> notes = new ArrayList<>(differences.notes());
		notes.addAll(lint(migration));
		return new GenerateResult(null, null, operations, differences.withheldOperations(), notes, pending);
	}

	/**
	 * The migrations pending, and those written into the directory and not applied (as the one
	 * generated a moment ago, not yet built): what the database does not have yet.
	 */
	private List<String> pending(MigrationStatus status) {
		List<String> pending = new ArrayList<>(status.inState(MigrationState.PENDING).stream()
			.map((migration) -> MigrationNames.display(migration.sequence(), migration.name()))
			.toList());
		this.files.notBuilt(status, this.migrator.getMigrations()).forEach((fileName) -> pending.add(fileName + ", written and not applied"));
		return pending;
	}

	private static String pending(List<String> pending) {
		return pending.size() + " migration" + ((pending.size() == 1) ? " is" : "s are") + " pending ("
				+ String.join("; ", pending) + ")";
	}

	private static int highest(MigrationStatus status) {
		return status.migrations().stream().mapToInt(MigrationInfo::sequence).max().orElse(0);
	}

	/** What the model and the database differ by, split into what generate writes and what it withholds. */
	private Differences differences(GenerateOptions options) {
		Comparison comparison = compare();
		List<Change> active = comparison.changes().stream()
			.filter((change) -> options.allowDrop() || !change.removes())
			.toList();
		List<Change> withheld = comparison.changes().stream()
			.filter((change) -> !options.allowDrop() && change.removes())
			.toList();
		List<String> notes = new ArrayList<>(comparison.notes());
		List<String> withheldOperations = describe(withheld, notes);
		return new Differences(active, withheld, withheldOperations, notes, comparison.owners());
	}

	private Comparison compare() {
		return this.model.get().read((metadata) -> {
			Dialect dialect = metadata.getDatabase().getDialect();
			String sequences = dialect.getSequenceSupport().supportsSequences() ? dialect.getQuerySequencesString()
					: null;
			try (Connection connection = this.dataSource.getConnection()) {
				DatabaseSchema database = DatabaseSchema.read(connection, sequences, this.leftAlone);
				Model model = new ModelReader(metadata, database.dialect()).read();
				List<Model.Table> compared = model.tables().stream()
					.filter((table) -> this.leftAlone.stream().noneMatch(table.name()::equalsIgnoreCase))
					.toList();
				return new SchemaComparison(new Model(compared, model.sequences(), model.notes()), database).compare();
			}
			catch (SQLException ex) {
				throw new SmallsException("Could not read the database's schema: " + ex.getMessage() + ". Nothing was "
						+ "written.", "Check that the database is reachable and run smalls generate again.", ex);
			}
		});
	}

	/**
	 * The migration generate writes, in memory: it records the same operations, from the same
	 * {@link Change}s, as the file's {@code change} method, so what is planned, checked and
	 * linted here is what the file will do.
	 * @param sequence its sequence
	 * @param name its snake-case name
	 * @param changes the changes, in order
	 * @return the migration
	 */
	static SchemaMigration replay(int sequence, String name, List<Change> changes) {
		return new GeneratedMigration(sequence, name, List.copyOf(changes));
	}

	/**
	 * What the linter finds in the migration generate is about to write (or, for a check, would
	 * write), each as a line for the console and the file's comment.
	 * @param migration the migration, replayed in memory ({@link #replay})
	 * @return the findings, described
	 */
	private List<String> lint(SchemaMigration migration) {
		// Only this migration is given: the ones the database has applied are not pending.
		LintResult result = SmallsMigrator.builder(this.dataSource).migrations(migration).build().lint();
		return result.findings().stream().map((finding) -> "Lint: " + finding.describe()).toList();
	}

	/** Record the operations as smalls will, so that a name it refuses is refused now. */
	private static SchemaPlan plan(SchemaMigration migration, Map<String, String> owners) {
		try {
			return SchemaPlan.of(migration);
		}
		catch (SmallsException ex) {
			String reason = String.valueOf((ex.getCause() != null) ? ex.getCause().getMessage() : ex.getMessage())
				.replaceFirst("\\.$", "");
			String owner = owners.entrySet().stream()
				.filter((entry) -> reason.toLowerCase(Locale.ROOT).contains("'" + entry.getKey() + "'"))
				.map((entry) -> " (" + entry.getValue() + ")")
				.findFirst()
				.orElse("");
			throw new SmallsValidationException("The JPA model has what smalls cannot write as a schema operation: "
					+ reason + owner + ". No migration was written.", "Change the mapping (a name through @Table(name = "
							+ "...), @Column(name = ...) or @JoinColumn(name = ...), with letters, digits and "
							+ "underscores), or write this migration by hand.");
		}
	}

	/** The withheld drops as smalls describes them; a drop it would refuse is a note instead. */
	private static List<String> describe(List<Change> withheld, List<String> notes) {
		if (withheld.isEmpty()) {
			return List.of();
		}
		try {
			return SchemaPlan.of(replay(1, "withheld", withheld)).operations();
		}
		catch (SmallsException ex) {
			notes.add("What the model no longer has cannot all be written as schema operations ("
					+ ex.getCause().getMessage() + "): drop it by hand.");
			return List.of();
		}
	}

	/**
	 * The changes generate writes, those it withholds (and how smalls describes them), the
	 * notes, and which entity owns each table, for messages.
	 */
	private record Differences(List<Change> active, List<Change> withheld, List<String> withheldOperations,
			List<String> notes, Map<String, String> owners) {

	}

	/** The migration being generated, recorded from its changes before its file exists. */
	private record GeneratedMigration(int sequence, String name, List<Change> changes) implements SchemaMigration {

		@Override
		public void change(Schema schema) {
			this.changes.forEach((change) -> change.record(schema));
		}

	}

}
