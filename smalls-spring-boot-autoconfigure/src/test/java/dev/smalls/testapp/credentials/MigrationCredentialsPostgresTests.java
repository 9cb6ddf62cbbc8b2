package dev.smalls.testapp.credentials;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.Driver;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

import dev.smalls.SmallsMigrator;
import dev.smalls.testsupport.TestDatabase;
import dev.smalls.testsupport.TestDatabase.FreshDatabase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * {@code smalls.user} and {@code smalls.password} on a real PostgreSQL with two roles: an
 * owner with the right to change the schema, and the application's user with rights on rows
 * only.
 */
class MigrationCredentialsPostgresTests {

	private FreshDatabase db;

	private String owner;

	private String app;

	@BeforeEach
	void createTheRoles() {
		this.db = TestDatabase.POSTGRESQL.createFreshDatabase();
		// Roles belong to the whole server: named after this test's own database.
		String database = this.db.url().substring(this.db.url().lastIndexOf('/') + 1);
		this.owner = database + "_owner";
		this.app = database + "_app";
		JdbcTemplate admin = new JdbcTemplate(this.db.dataSource());
		admin.execute("CREATE ROLE " + this.owner + " LOGIN PASSWORD 'owner-secret'");
		admin.execute("CREATE ROLE " + this.app + " LOGIN PASSWORD 'app-secret'");
		// Before PostgreSQL 15 every user may create tables in public: take that away.
		admin.execute("REVOKE CREATE ON SCHEMA public FROM PUBLIC");
		admin.execute("GRANT USAGE, CREATE ON SCHEMA public TO " + this.owner);
		admin.execute("GRANT USAGE ON SCHEMA public TO " + this.app);
		admin.execute("ALTER DEFAULT PRIVILEGES FOR ROLE " + this.owner
				+ " IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO " + this.app);
		admin.execute("ALTER DEFAULT PRIVILEGES FOR ROLE " + this.owner
				+ " IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO " + this.app);
	}

	@AfterEach
	void closeTheDatabase() {
		this.db.close();
	}

	@Test
	void theApplicationsUserCannotChangeTheSchema() {
		assertThatException().isThrownBy(() -> as(this.app, "app-secret").execute("CREATE TABLE t (id INT)"))
			.havingRootCause()
			.withMessageContaining("permission denied for schema public");
	}

	@Test
	void startUpMigratesAsTheOwnerAndTheApplicationReadsAndWritesAsItsOwnUser() {
		try (ConfigurableApplicationContext context = start("--smalls.user=" + this.owner,
				"--smalls.password=owner-secret")) {
			assertThat(new JdbcTemplate(this.db.dataSource())
				.queryForObject("SELECT tableowner FROM pg_tables WHERE tablename = 'notes'", String.class))
				.isEqualTo(this.owner);
			JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
			assertThat(jdbc.queryForObject("SELECT current_user", String.class)).isEqualTo(this.app);
			jdbc.update("INSERT INTO notes (body) VALUES ('written by the application')");
			assertThat(jdbc.queryForList("SELECT body FROM notes", String.class))
				.containsExactly("written by the application");
			assertThat(context.getBean(SmallsMigrator.class).status().current()).isEqualTo(1);
		}
	}

	@Test
	void aUrlOfItsOwnWorksTheSameWay() {
		try (ConfigurableApplicationContext context = start("--smalls.url=" + this.db.url(),
				"--smalls.user=" + this.owner, "--smalls.password=owner-secret")) {
			context.getBean(JdbcTemplate.class).update("INSERT INTO notes (body) VALUES ('x')");
			assertThat(context.getBean(JdbcTemplate.class).queryForObject("SELECT COUNT(*) FROM notes", Integer.class))
				.isEqualTo(1);
		}
	}

	@Test
	void noMigrationConnectionStaysOpenOnceStartUpIsDone() {
		try (ConfigurableApplicationContext context = start("--smalls.user=" + this.owner,
				"--smalls.password=owner-secret")) {
			assertThat(new JdbcTemplate(this.db.dataSource()).queryForObject(
					"SELECT COUNT(*) FROM pg_stat_activity WHERE usename = ?", Integer.class, this.owner))
				.isZero();
		}
	}

	@Test
	void withoutMigrationCredentialsTheApplicationsUserCannotMigrate() {
		assertThatException().isThrownBy(this::start)
			.havingRootCause()
			.withMessageContaining("permission denied for schema public");
	}

	private ConfigurableApplicationContext start(String... extra) {
		List<String> args = new ArrayList<>(List.of("--spring.datasource.url=" + this.db.url(),
				"--spring.datasource.username=" + this.app, "--spring.datasource.password=app-secret"));
		args.addAll(List.of(extra));
		return new SpringApplicationBuilder(CredentialsApplication.class).web(WebApplicationType.NONE)
			.logStartupInfo(false)
			.run(args.toArray(new String[0]));
	}

	private JdbcTemplate as(String user, String password) {
		return new JdbcTemplate(new SimpleDriverDataSource(new Driver(), this.db.url(), user, password));
	}

}
