package dev.smalls.maven;

import java.nio.file.Path;
import java.util.List;

import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.Test;

import dev.smalls.SmallsMigration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link ProjectMigrations}, on the compiled classes of {@code dev.smalls.maven.scan}.
 */
class ProjectMigrationsTests {

	private static final Path SCAN = Path.of("target/test-classes/dev/smalls/maven/scan");

	private final ClassLoader loader = getClass().getClassLoader();

	@Test
	void findsEveryConcreteMigrationAndCreatesItWithItsNoArgumentConstructor() throws MojoFailureException {
		List<SmallsMigration> migrations = ProjectMigrations.find(SCAN.resolve("usable"), this.loader);
		assertThat(migrations).extracting(SmallsMigration::sequence).containsExactlyInAnyOrder(1, 2, 3);
		assertThat(migrations).extracting((migration) -> migration.getClass().getSimpleName())
			.containsExactlyInAnyOrder("UsableMigration", "UsableSchemaMigration", "Subclass");
	}

	@Test
	void namesEveryMigrationThatNeedsTheApplicationAndCreatesNone() {
		assertThatExceptionOfType(MojoFailureException.class)
			.isThrownBy(() -> ProjectMigrations.find(SCAN.resolve("injected"), this.loader))
			.withMessageStartingWith("smalls cannot create these 3 migrations without the application, so nothing ran:")
			.withMessageContaining("dev.smalls.maven.scan.injected.ConstructorInjected: its constructor takes Clock, "
					+ "which the application's context injects")
			.withMessageContaining("dev.smalls.maven.scan.injected.FieldInjected: it has field audit, method "
					+ "setAdmin() injected by the application's context")
			.withMessageContaining("dev.smalls.maven.scan.injected.Outer$InnerMigration: it is an inner class, "
					+ "created only with an instance of Outer; make it static or a class of its own")
			.withMessageContaining("Give each a no-argument constructor and no injected members, or run the command in "
					+ "the application instead: java -jar app.jar smalls <command>");
	}

	@Test
	void aConstructorThatFailsIsNamedWithItsFailure() {
		assertThatExceptionOfType(MojoFailureException.class)
			.isThrownBy(() -> ProjectMigrations.find(SCAN.resolve("failing"), this.loader))
			.withMessageContaining("dev.smalls.maven.scan.failing.FailingConstructor: its constructor failed: "
					+ "java.lang.IllegalStateException: no configuration file");
	}

	@Test
	void aDirectoryThatDoesNotExistHasNoMigrations() throws MojoFailureException {
		assertThat(ProjectMigrations.find(SCAN.resolve("nothing-here"), this.loader)).isEmpty();
	}

}
