package dev.smalls.generate;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.assertj.core.api.ListAssert;

import dev.smalls.SmallsMigration;
import dev.smalls.SmallsMigrator;
import dev.smalls.dialect.SmallsTables;
import dev.smalls.schema.SchemaMigration;
import dev.smalls.schema.SchemaPlan;
import dev.smalls.schema.SchemaSnapshot;
import dev.smalls.testsupport.TestDatabase.FreshDatabase;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One database whose model changes step by step, the migrations generated so far, and the
 * cycle each step goes through: check (which lists what generate then writes, and changes
 * nothing), generate, compile the file as written, apply it, start Hibernate with
 * {@code ddl-auto=validate}, roll it back to exactly the schema before, apply it again, and
 * generate and check once more to find nothing to write.
 */
final class Evolution {

	static final String PACKAGE = "com.example.migrations";

	private final FreshDatabase db;

	private final Path directory;

	private final Compiler compiler;

	private final List<SmallsMigration> migrations = new ArrayList<>();

	Evolution(FreshDatabase db, Path directory) {
		this.db = db;
		this.directory = directory;
		this.compiler = new Compiler(directory);
	}

	SmallsMigrator migrator() {
		return SmallsMigrator.builder(this.db.dataSource()).migrations(this.migrations).build();
	}

	GenerateResult generate(String description, GenerateOptions options, Class<?>... entities) {
		return generator(entities).generate(description, options);
	}

	GenerateResult check(GenerateOptions options, Class<?>... entities) {
		return generator(entities).check(options);
	}

	MigrationGenerator generator(Class<?>... entities) {
		return new MigrationGenerator(migrator(), this.db.dataSource(),
				() -> TestModels.model(this.db.dataSource(), entities), this.directory.resolve("src"), PACKAGE,
				List.of());
	}

	/**
	 * Take a step: the model is now these entities.
	 * @param description the migration's description
	 * @param options the options to generate with
	 * @param entities the model
	 * @return the operations written, for the step's own assertions
	 */
	ListAssert<String> step(String description, GenerateOptions options, Class<?>... entities) {
		SchemaSnapshot before = snapshot();
		GenerateResult check = check(options, entities);
		assertThat(snapshot().differencesFrom(before)).as(description + ": checked").isEmpty();
		GenerateResult result = generate(description, options, entities);
		assertThat(result.written()).as(description + ": " + result).isTrue();
		assertThat(check.written()).isFalse();
		assertThat(check.upToDate()).isFalse();
		assertThat(check.operations()).as(description + ": checked").isEqualTo(result.operations());
		assertThat(check.withheld()).as(description + ": checked").isEqualTo(result.withheld());
		String source = Compiler.read(result.file());
		SchemaMigration migration = this.compiler.load(result.file(),
				PACKAGE + "." + result.file().getFileName().toString().replace(".java", ""));
		assertThat(SchemaPlan.of(migration).operations()).as(source).isEqualTo(result.operations());
		this.migrations.add(migration);

		migrator().migrate();
		TestModels.validate(this.db.dataSource(), entities);
		SchemaSnapshot after = snapshot();
		migrator().rollback(migration.sequence() - 1);
		assertThat(snapshot().differencesFrom(before)).as(description + ": rolled back\n" + source).isEmpty();
		migrator().migrate();
		assertThat(snapshot().differencesFrom(after)).as(description + ": applied again").isEmpty();

		GenerateResult again = generate(description + " again", options, entities);
		assertThat(again.upToDate()).as(description + ": generated again: " + again).isTrue();
		GenerateResult checkedAgain = check(options, entities);
		assertThat(checkedAgain.upToDate()).as(description + ": checked again: " + checkedAgain).isTrue();
		return assertThat(result.operations()).as(description + "\n" + source);
	}

	private SchemaSnapshot snapshot() {
		return SchemaSnapshot.read(this.db.dataSource()).without(SmallsTables.DEFAULT);
	}

}
