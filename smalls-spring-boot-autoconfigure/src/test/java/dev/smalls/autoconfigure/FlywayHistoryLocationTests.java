package dev.smalls.autoconfigure;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;

import dev.smalls.commands.SmallsCommand;
import dev.smalls.commands.SmallsCommands;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code smalls adopt flyway} without {@code --table} and {@code --schema} finds the history
 * where the application's {@code spring.flyway.*} settings had Flyway keep it; the real Flyway
 * writes it.
 */
class FlywayHistoryLocationTests {

	private static final String LOCATION = "classpath:/sql-app/db/migration";

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, SmallsAutoConfiguration.class,
				SmallsShellAutoConfiguration.class))
		// The commands as a one-shot run has them, without Spring Shell's prompt.
		.withClassLoader(new FilteredClassLoader("org.springframework.shell"))
		.withPropertyValues("spring.datasource.url=jdbc:h2:mem:" + UUID.randomUUID(), "smalls.sql.locations=" + LOCATION,
				"smalls.sql.placeholders.owner=owner_name", "spring.flyway.table=app_history",
				"spring.flyway.schemas=APP");

	@Test
	void theHistoryIsFoundInTheTableAndSchemaTheFlywaySettingsName() {
		this.contextRunner.run((context) -> {
			flywayMigrate(context);

			Run adopted = run(context, "adopt", "flyway");

			assertThat(adopted.code()).as(adopted.output()).isZero();
			assertThat(adopted.output()).contains("0001_create_notes ... recorded (flyway ")
				.contains("0003_add_owner ... recorded (flyway ")
				.contains("Recorded 2 migrations from flyway APP.app_history as applied");
			Run migrated = run(context, "migrate");
			assertThat(migrated.code()).as(migrated.output()).isZero();
			assertThat(migrated.output()).contains("Nothing to migrate: the database is at 0003.");
		});
	}

	@Test
	void aFirstMigrateIsRefusedUntilTheHistoryTheSettingsNameIsAdopted() {
		this.contextRunner.run((context) -> {
			flywayMigrate(context);

			Run refused = run(context, "migrate");

			assertThat(refused.code()).as(refused.output()).isEqualTo(SmallsCommand.FAILURE);
			assertThat(refused.output())
				.contains("This database was migrated by Flyway (APP.app_history records 2 applied changes)")
				.contains("smalls adopt flyway");
			assertThat(run(context, "adopt", "flyway").code()).isZero();
			assertThat(run(context, "migrate").output()).contains("Nothing to migrate: the database is at 0003.");
		});
	}

	@Test
	void theOptionsStillWinOverTheSettings() {
		this.contextRunner.run((context) -> {
			flywayMigrate(context);

			Run refused = run(context, "adopt", "flyway", "--table", "flyway_schema_history");

			assertThat(refused.code()).as(refused.output()).isEqualTo(SmallsCommand.FAILURE);
			assertThat(refused.output()).contains("flyway_schema_history");
		});
	}

	/** What Flyway did with the application's spring.flyway settings, before it was removed. */
	private static void flywayMigrate(ApplicationContext context) {
		Flyway.configure()
			.dataSource(context.getBean(DataSource.class))
			.locations(LOCATION)
			.table("app_history")
			.schemas("APP")
			.placeholders(Map.of("owner", "owner_name"))
			.load()
			.migrate();
	}

	private static Run run(ApplicationContext context, String... words) {
		StringWriter output = new StringWriter();
		int code = context.getBean(SmallsCommands.class).run(List.of(words), new PrintWriter(output, true));
		return new Run(code, output.toString());
	}

	private record Run(int code, String output) {
	}

}
