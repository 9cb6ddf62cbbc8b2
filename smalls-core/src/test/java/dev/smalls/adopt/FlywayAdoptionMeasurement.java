package dev.smalls.adopt;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

import dev.smalls.AdoptionResult;
import dev.smalls.FlywayAdoption;
import dev.smalls.SmallsMigrator;
import dev.smalls.testsupport.TestDatabase;
import dev.smalls.testsupport.TestDatabase.FreshDatabase;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How long adopting a 10,000-row history the real Flyway wrote takes: a measurement run by
 * hand, not part of the suite (Flyway itself takes a while to write that history), e.g.
 * {@code mvn -o -pl smalls-core -am test -Dtest=FlywayAdoptionMeasurement
 * -Dsmalls.measure=POSTGRESQL -Dsurefire.failIfNoSpecifiedTests=false} ({@code MARIADB},
 * {@code H2} likewise). It prints the times; the suite's
 * {@code FlywayAdoptionTests} adopts a smaller history on every database.
 */
@EnabledIfSystemProperty(named = "smalls.measure", matches = ".+")
class FlywayAdoptionMeasurement {

	private static final int ROWS = Integer.getInteger("smalls.measure.rows", 10_000);

	@TempDir
	Path folder;

	@Test
	void adoptATenThousandRowFlywayHistory() throws Exception {
		TestDatabase database = TestDatabase.valueOf(System.getProperty("smalls.measure"));
		try (FreshDatabase db = database.createFreshDatabase()) {
			for (int version = 1; version <= ROWS; version++) {
				Files.writeString(this.folder.resolve("V" + version + "__step_" + version + ".sql"), "SELECT 1;");
			}
			long flywayStart = System.nanoTime();
			// One group: Flyway re-reads its history before each group, which makes 10,000 groups of
			// one take many minutes; the history it writes is the same, a row per migration.
			Flyway.configure()
				.dataSource(db.dataSource())
				.locations("filesystem:" + this.folder)
				.group(true)
				.load()
				.migrate();
			long flywayMillis = (System.nanoTime() - flywayStart) / 1_000_000;
			SmallsMigrator migrator = SmallsMigrator.builder(db.dataSource()).lockTimeout(Duration.ofSeconds(30)).build();
			migrator.status();
			long start = System.nanoTime();
			AdoptionResult result = migrator.adoptFlyway(FlywayAdoption.defaults());
			long adoptMillis = (System.nanoTime() - start) / 1_000_000;
			long statusStart = System.nanoTime();
			int shown = migrator.status().migrations().size();
			long statusMillis = (System.nanoTime() - statusStart) / 1_000_000;
			long migrateStart = System.nanoTime();
			int applied = migrator.migrate().applied().size();
			long migrateMillis = (System.nanoTime() - migrateStart) / 1_000_000;
			System.out.println("MEASURED on " + database + ": Flyway applied " + ROWS + " migrations in " + flywayMillis
					+ " ms; smalls adopted " + result.recorded().size() + " rows in " + adoptMillis + " ms; status of "
					+ shown + " in " + statusMillis + " ms; migrate applied " + applied + " in " + migrateMillis + " ms");
			assertThat(result.recorded()).hasSize(ROWS);
			assertThat(applied).isZero();
		}
	}

}
