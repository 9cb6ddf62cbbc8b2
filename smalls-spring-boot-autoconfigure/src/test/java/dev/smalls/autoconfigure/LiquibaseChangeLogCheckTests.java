package dev.smalls.autoconfigure;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import javax.sql.DataSource;

import liquibase.Scope;
import liquibase.integration.spring.SpringLiquibase;
import liquibase.lockservice.LockServiceFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.smalls.LiquibaseAdoption;
import dev.smalls.SmallsMigrator;
import dev.smalls.commands.LiquibasePendingChangeSets;
import dev.smalls.commands.SmallsCommand;
import dev.smalls.commands.SmallsCommands;
import dev.smalls.testsupport.TestDatabase;
import dev.smalls.testsupport.TestDatabase.FreshDatabase;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code smalls adopt liquibase} in an application that has Liquibase: the change sets of its
 * change log that the real Liquibase has not run yet are found with Liquibase, read-only, and
 * refuse the adoption.
 */
class LiquibaseChangeLogCheckTests {

	private static final String CHANGE_LOG = "classpath:/liquibase-app/db.changelog-master.yaml";

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, SmallsAutoConfiguration.class,
				SmallsShellAutoConfiguration.class))
		// The commands as a one-shot run has them, without Spring Shell's prompt.
		.withClassLoader(new FilteredClassLoader("org.springframework.shell"))
		.withPropertyValues("spring.datasource.url=jdbc:h2:mem:" + UUID.randomUUID(),
				"spring.liquibase.change-log=" + CHANGE_LOG);

	@BeforeAll
	static void startLiquibaseOutsideAFilteredClassLoader() {
		// Liquibase keeps the services it finds first for the JVM: not a FilteredClassLoader's.
		Scope.getCurrentScope();
	}

	@Test
	void adoptIsRefusedNamingTheChangeSetLiquibaseHasNotRunAndAdoptsOnceItRan() {
		this.contextRunner.run((context) -> {
			liquibaseUpdate(context, "first");
			Run refused = adopt(context);
			assertThat(refused.code()).as(refused.output()).isEqualTo(SmallsCommand.FAILURE);
			assertThat(refused.output())
				.contains("The change log has 1 change set this database has not run: "
						+ "liquibase-app/changes/people.yaml::2::ada.")
				.contains("Nothing was recorded.")
				.contains("liquibase update");
			liquibaseUpdate(context, null);
			Run adopted = adopt(context);
			assertThat(adopted.code()).as(adopted.output()).isZero();
			assertThat(adopted.output()).contains("0000_liquibase ... recorded (baseline liquibase 2 change sets")
				.contains("the change log was checked: no change set of it is pending")
				.doesNotContain("could not be checked");
		});
	}

	@Test
	void theCheckCreatesNoTableAndChangesNothing() {
		this.contextRunner.run((context) -> {
			LiquibasePendingChangeSets check = context.getBean(LiquibasePendingChangeSets.class);
			SmallsMigrator migrator = context.getBean(SmallsMigrator.class);
			List<String> before = tables(context);
			assertThat(check.find(migrator, LiquibaseAdoption.defaults()).unchecked())
				.isEqualTo("Liquibase's change log table DATABASECHANGELOG is not there");
			assertThat(tables(context)).isEqualTo(before).doesNotContain("DATABASECHANGELOG", "DATABASECHANGELOGLOCK");
			liquibaseUpdate(context, "first");
			List<String> afterUpdate = tables(context);
			String history = historyRows(context);
			assertThat(check.find(migrator, LiquibaseAdoption.defaults()).pending())
				.containsExactly("liquibase-app/changes/people.yaml::2::ada");
			assertThat(tables(context)).isEqualTo(afterUpdate);
			assertThat(historyRows(context)).isEqualTo(history);
			assertThat(new JdbcTemplate(context.getBean(DataSource.class))
				.queryForObject("SELECT COUNT(*) FROM DATABASECHANGELOGLOCK WHERE LOCKED", Integer.class)).isZero();
		});
	}

	@ParameterizedTest
	@EnumSource(value = TestDatabase.class, names = { "H2", "POSTGRESQL", "MARIADB" })
	void theCheckFindsThePendingChangeSetWithoutCreatingOrChangingATable(TestDatabase database) throws Exception {
		try (FreshDatabase db = database.createFreshDatabase()) {
			SmallsMigrator migrator = SmallsMigrator.builder(db.dataSource()).build();
			LiquibaseChangeLogCheck check = new LiquibaseChangeLogCheck(new DefaultResourceLoader(), CHANGE_LOG,
					List.of(), List.of());
			List<String> before = tables(db.dataSource());
			assertThat(check.find(migrator, LiquibaseAdoption.defaults()).pending()).isNull();
			assertThat(tables(db.dataSource())).isEqualTo(before);
			liquibaseUpdate(db.dataSource(), "first");
			List<String> afterUpdate = tables(db.dataSource());
			String history = historyRows(db.dataSource());
			assertThat(check.find(migrator, LiquibaseAdoption.defaults()).pending())
				.containsExactly("liquibase-app/changes/people.yaml::2::ada");
			assertThat(tables(db.dataSource())).isEqualTo(afterUpdate);
			assertThat(historyRows(db.dataSource())).isEqualTo(history);
		}
	}

	@Test
	void theApplicationsContextsLeaveOutTheChangeSetsLiquibaseWouldNotRunHere() {
		this.contextRunner.withPropertyValues("spring.liquibase.contexts=first").run((context) -> {
			liquibaseUpdate(context, "first");
			Run adopted = adopt(context);
			assertThat(adopted.code()).as(adopted.output()).isZero();
			assertThat(adopted.output()).contains("recorded (baseline liquibase 1 change set in DATABASECHANGELOG");
		});
	}

	@Test
	void theChangeLogTableIsFoundWhereSpringLiquibaseSettingsPutIt() {
		this.contextRunner.withPropertyValues("spring.liquibase.database-change-log-table=APP_CHANGELOG")
			.run((context) -> {
				SpringLiquibase liquibase = springLiquibase(context.getBean(DataSource.class), null);
				liquibase.setDatabaseChangeLogTable("APP_CHANGELOG");
				liquibase.afterPropertiesSet();
				LockServiceFactory.getInstance().resetAll();
				Run adopted = adopt(context);
				assertThat(adopted.code()).as(adopted.output()).isZero();
				assertThat(adopted.output()).contains("recorded (baseline liquibase 2 change sets in APP_CHANGELOG")
					.contains("the change log was checked: no change set of it is pending");
			});
	}

	@Test
	void withoutAChangeLogTheAdoptionGoesOnAndSaysThatNothingWasChecked() {
		this.contextRunner.withPropertyValues("spring.liquibase.change-log=classpath:/db/changelog/missing.yaml")
			.run((context) -> {
				liquibaseUpdate(context, "first");
				Run adopted = adopt(context);
				assertThat(adopted.code()).as(adopted.output()).isZero();
				assertThat(adopted.output()).contains("Note: Liquibase's pending change sets could not be checked: there "
						+ "is no change log at classpath:/db/changelog/missing.yaml (spring.liquibase.change-log). Check "
						+ "with liquibase status");
			});
	}

	@Test
	void aChangeLogLiquibaseCannotReadRefusesTheAdoption() {
		this.contextRunner.withPropertyValues("spring.liquibase.change-log=classpath:/liquibase-app/broken.yaml")
			.run((context) -> {
				liquibaseUpdate(context, "first");
				Run refused = adopt(context);
				assertThat(refused.code()).as(refused.output()).isEqualTo(SmallsCommand.FAILURE);
				assertThat(refused.output())
					.contains("Liquibase could not read the change log classpath:/liquibase-app/broken.yaml against "
							+ "this database: ")
					.contains("Nothing was recorded.")
					.contains("point spring.liquibase.change-log at the change log this database ran");
			});
	}

	@Test
	void withoutLiquibaseOnTheClassPathAdoptSaysThatNothingWasChecked() {
		this.contextRunner.withClassLoader(new FilteredClassLoader("org.springframework.shell", "liquibase.")).run((context) -> {
			assertThat(context).hasNotFailed().doesNotHaveBean(LiquibasePendingChangeSets.class);
			// Liquibase cannot run with its classes hidden: the columns adopt reads, one change set run.
			JdbcTemplate jdbc = new JdbcTemplate(context.getBean(DataSource.class));
			jdbc.execute("CREATE TABLE DATABASECHANGELOG (ID VARCHAR(255), AUTHOR VARCHAR(255), FILENAME VARCHAR(255), "
					+ "ORDEREXECUTED INT, EXECTYPE VARCHAR(10))");
			jdbc.update("INSERT INTO DATABASECHANGELOG VALUES ('1', 'ada', 'liquibase-app/changes/people.yaml', 1, "
					+ "'EXECUTED')");
			Run adopted = adopt(context);
			assertThat(adopted.code()).as(adopted.output()).isZero();
			assertThat(adopted.output())
				.contains("could not be checked: this application does not know Liquibase's change log");
		});
	}

	/** What Spring Boot's Liquibase does at start-up, with these contexts ({@code null}: all). */
	private static void liquibaseUpdate(ApplicationContext context, String contexts) throws Exception {
		liquibaseUpdate(context.getBean(DataSource.class), contexts);
	}

	private static void liquibaseUpdate(DataSource dataSource, String contexts) throws Exception {
		springLiquibase(dataSource, contexts).afterPropertiesSet();
		LockServiceFactory.getInstance().resetAll();
	}

	private static SpringLiquibase springLiquibase(DataSource dataSource, String contexts) {
		SpringLiquibase liquibase = new SpringLiquibase();
		liquibase.setDataSource(dataSource);
		liquibase.setChangeLog(CHANGE_LOG);
		liquibase.setContexts(contexts);
		liquibase.setResourceLoader(new DefaultResourceLoader());
		return liquibase;
	}

	private static Run adopt(ApplicationContext context) {
		StringWriter output = new StringWriter();
		int code = context.getBean(SmallsCommands.class)
			.run(List.of("adopt", "liquibase"), new PrintWriter(output, true));
		return new Run(code, output.toString());
	}

	private static List<String> tables(ApplicationContext context) throws SQLException {
		return tables(context.getBean(DataSource.class));
	}

	/** The tables of the connection's schema (on MariaDB, its database), in upper case. */
	private static List<String> tables(DataSource dataSource) throws SQLException {
		List<String> tables = new ArrayList<>();
		try (Connection connection = dataSource.getConnection();
				ResultSet rs = connection.getMetaData()
					.getTables(connection.getCatalog(), connection.getSchema(), "%", new String[] { "TABLE" })) {
			while (rs.next()) {
				tables.add(rs.getString("TABLE_NAME").toUpperCase(Locale.ROOT));
			}
		}
		return tables.stream().sorted().toList();
	}

	private static String historyRows(ApplicationContext context) {
		return historyRows(context.getBean(DataSource.class));
	}

	private static String historyRows(DataSource dataSource) {
		return new JdbcTemplate(dataSource).queryForList("SELECT * FROM DATABASECHANGELOG ORDER BY ORDEREXECUTED")
			.toString();
	}

	private record Run(int code, String output) {
	}

}
