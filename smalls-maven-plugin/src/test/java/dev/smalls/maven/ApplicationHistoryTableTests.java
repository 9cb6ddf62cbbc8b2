package dev.smalls.maven;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * Tests for {@link ApplicationHistoryTable}.
 */
class ApplicationHistoryTableTests {

	@TempDir
	Path classes;

	@Test
	void anotherTableThanTheApplicationsIsRefusedSayingWhichToSet() throws IOException {
		Files.writeString(this.classes.resolve("application.properties"), "smalls.table=app_history\n");
		assertThatExceptionOfType(MojoFailureException.class)
			.isThrownBy(() -> ApplicationHistoryTable.of(this.classes).requireSame("smalls_history"))
			.withMessageStartingWith("The application's application.properties sets smalls.table=app_history, but the "
					+ "plugin's history table is smalls_history")
			.withMessageEndingWith("What to do: set <table>app_history</table> in the configuration of the "
					+ "smalls-maven-plugin, or run with -Dsmalls.table=app_history.");
	}

	@Test
	void theApplicationsTableInAnyCasePasses() throws IOException {
		Files.writeString(this.classes.resolve("application.properties"), "smalls.table = APP_HISTORY\n");
		assertThatNoException().isThrownBy(() -> ApplicationHistoryTable.of(this.classes).requireSame("app_history"));
	}

	@Test
	void anApplicationThatSetsNoTableOrHasNoPropertiesPasses() throws IOException {
		assertThatNoException().isThrownBy(() -> ApplicationHistoryTable.of(this.classes).requireSame("smalls_history"));
		Files.writeString(this.classes.resolve("application.properties"), "spring.application.name=app\n");
		assertThatNoException().isThrownBy(() -> ApplicationHistoryTable.of(this.classes).requireSame("smalls_history"));
	}

	@Test
	void sqlLocationsOtherThanTheApplicationsAreRefusedSayingWhichToSet() throws IOException {
		Files.writeString(this.classes.resolve("application.properties"), "smalls.sql.locations=classpath:sql, file:/opt/sql\n");
		assertThatExceptionOfType(MojoFailureException.class)
			.isThrownBy(() -> ApplicationHistoryTable.of(this.classes).requireSameSqlLocations(List.of()))
			.withMessageContaining("sets smalls.sql.locations=classpath:sql, file:/opt/sql, but the plugin reads "
					+ "SQL-file migrations from classpath:db/migration (its default)")
			.withMessageContaining("<sqlLocations><sqlLocation>classpath:sql</sqlLocation><sqlLocation>file:/opt/sql"
					+ "</sqlLocation></sqlLocations>");
		assertThatNoException().isThrownBy(() -> ApplicationHistoryTable.of(this.classes).requireSameSqlLocations(List.of("classpath:sql", "file:/opt/sql")));
	}

	@Test
	void theApplicationNamingTheDefaultLocationMatchesThePluginsDefault() throws IOException {
		Files.writeString(this.classes.resolve("application.properties"), "smalls.sql.locations=classpath:db/migration\n");
		assertThatNoException()
			.isThrownBy(() -> ApplicationHistoryTable.of(this.classes).requireSameSqlLocations(List.of()));
	}

	@Test
	void anApplicationThatNamesNoSqlLocationsTakesThePluginsOwn() throws IOException {
		Files.writeString(this.classes.resolve("application.properties"), "smalls.table=app_history\n");
		assertThatNoException()
			.isThrownBy(() -> ApplicationHistoryTable.of(this.classes).requireSameSqlLocations(List.of("classpath:sql")));
	}

}
