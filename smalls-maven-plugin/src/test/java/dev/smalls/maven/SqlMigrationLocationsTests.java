package dev.smalls.maven;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.smalls.SmallsMigration;
import dev.smalls.SmallsValidationException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The plugin reads the project's SQL files through the project's class loader, as the
 * application reads them from its class path.
 */
class SqlMigrationLocationsTests {

	@TempDir
	Path classes;

	@Test
	void readsTheDefaultFolderFromTheProjectsOutputDirectory() throws Exception {
		Path folder = Files.createDirectories(this.classes.resolve("db/migration"));
		Files.writeString(folder.resolve("V3__add_email.sql"), "ALTER TABLE accounts ADD COLUMN email VARCHAR(20);");
		Files.writeString(folder.resolve("U3__add_email.sql"), "ALTER TABLE accounts DROP COLUMN email;");
		try (URLClassLoader loader = project()) {
			List<SmallsMigration> migrations = new SqlMigrationLocations(List.of(), Map.of()).load(loader);
			assertThat(migrations).singleElement().satisfies((migration) -> {
				assertThat(migration.sequence()).isEqualTo(3);
				assertThat(migration.name()).isEqualTo("add_email");
			});
		}
	}

	@Test
	void aMissingDefaultFolderHasNoMigrations() throws Exception {
		try (URLClassLoader loader = project()) {
			assertThat(new SqlMigrationLocations(List.of(), Map.of()).load(loader)).isEmpty();
		}
	}

	@Test
	void aMissingConfiguredFolderIsRefusedByName() throws Exception {
		try (URLClassLoader loader = project()) {
			assertThatExceptionOfType(SmallsValidationException.class)
				.isThrownBy(() -> new SqlMigrationLocations(List.of("classpath:sql/missing"), Map.of()).load(loader))
				.withMessageContaining("classpath:sql/missing");
		}
	}

	@Test
	void aPlaceholderWithoutAValueIsRefusedAndOneWithAValueIsReplaced() throws Exception {
		Path folder = Files.createDirectories(this.classes.resolve("db/migration"));
		Files.writeString(folder.resolve("V1__create_notes.sql"), "CREATE TABLE ${prefix}notes (id INT);");
		try (URLClassLoader loader = project()) {
			assertThatExceptionOfType(SmallsValidationException.class)
				.isThrownBy(() -> new SqlMigrationLocations(List.of(), Map.of()).load(loader))
				.withMessageContaining("prefix");
			assertThat(new SqlMigrationLocations(List.of(), Map.of("prefix", "app_")).load(loader)).hasSize(1);
		}
	}

	private URLClassLoader project() throws Exception {
		// No parent with the test's own class path: only the project's output directory.
		return new URLClassLoader(new URL[] { this.classes.toUri().toURL() }, null);
	}

}
