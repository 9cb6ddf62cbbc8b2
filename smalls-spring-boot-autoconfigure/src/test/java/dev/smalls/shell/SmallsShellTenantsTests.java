package dev.smalls.shell;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import dev.smalls.SmallsTenants;
import dev.smalls.testapp.schema.InterruptedSchemaMigration;
import dev.smalls.testapp.schema.TagsMigrations;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shell of an application with two tenants, acme (at 0002) and globex (at 0001).
 */
@SpringBootTest(classes = ShellTestApplication.class,
		// Tenants in one H2 database take turns on its schema lock (SYS), waited for up to
		// LOCK_TIMEOUT; two at once were seen to wait on each other past 10 s on a busy machine.
		// One at a time, as the README advises for H2: this class is about the shell's output.
		properties = { "spring.datasource.url=jdbc:h2:mem:shell-tenants;DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000",
				"smalls.tenants.schemas=acme,globex", "smalls.tenants.parallelism=1", "shell.test.schema=true" })
class SmallsShellTenantsTests {

	@Autowired
	private ShellSession shell;

	@Autowired
	private SmallsTenants tenants;

	@Autowired
	private JdbcTemplate jdbc;

	@BeforeEach
	void acmeAtTwoAndGlobexAtOne() {
		this.jdbc.execute("DROP ALL OBJECTS");
		for (String schema : new String[] { "acme", "globex" }) {
			this.jdbc.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
			this.jdbc.execute("CREATE SCHEMA " + schema);
		}
		this.tenants.migrator("acme").migrate(2);
		this.tenants.migrator("globex").migrate(1);
	}

	@Test
	void statusWithATenantShowsThatTenantsMigrations() throws Exception {
		ShellSession.Result result = this.shell.send("smalls status --tenant acme");
		assertThat(result.exitCode()).isZero();
		assertThat(result.output()).contains("Tenant acme:").containsPattern("0002\\s+add_age\\s+APPLIED")
			.contains("Current sequence: 0002, 3 pending");
	}

	@Test
	void statusWithoutATenantSaysTheDefaultSchemaIsNotATenant() throws Exception {
		assertThat(this.shell.send("smalls status").output())
			.contains("This is the application's default schema, not a tenant: smalls status --all-tenants");
	}

	@Test
	void statusOfAllTenantsIsATableOfTenants() throws Exception {
		ShellSession.Result result = this.shell.send("smalls status --all-tenants");
		assertThat(result.exitCode()).isZero();
		assertThat(result.output()).containsPattern("TENANT\\s+CURRENT\\s+PENDING\\s+MISSING\\s+INTERRUPTED")
			.containsPattern("acme\\s+0002\\s+3\\s+0\\s+0")
			.containsPattern("globex\\s+0001\\s+4\\s+0\\s+0");
	}

	@Test
	void statusOfAllTenantsShowsTheErrorOfATenantItCouldNotReadAndFails() throws Exception {
		this.jdbc.execute("DROP SCHEMA globex CASCADE");
		ShellSession.Result result = this.shell.send("smalls status --all-tenants");
		assertThat(result.exitCode()).isEqualTo(1);
		assertThat(result.output()).containsPattern("acme\\s+0002").containsPattern("globex\\s+.*globex")
			.contains("1 of 2 tenants did not complete: globex");
	}

	@Test
	void migrateAllTenantsPrintsALinePerTenant() throws Exception {
		ShellSession.Result result = this.shell.send("smalls migrate --all-tenants --to 3");
		assertThat(result.exitCode()).as(result.output()).isZero();
		assertThat(result.output()).contains("acme ... 1 applied (0003_add_city), batch 2, now at 0003")
			.contains("globex ... 2 applied (0002_add_age, 0003_add_city), batch 2, now at 0003")
			.contains("Migrations are complete on every tenant.");
	}

	@Test
	void migrateAllTenantsWithAFailingTenantFailsNamingItAndTheOthersComplete() throws Exception {
		this.jdbc.execute("DROP SCHEMA globex CASCADE");
		ShellSession.Result result = this.shell.send("smalls migrate --all-tenants --to 3");
		assertThat(result.exitCode()).isEqualTo(1);
		assertThat(result.output()).contains("acme ... 1 applied")
			.contains("globex ... FAILED")
			.contains("Error: 1 of 2 tenants did not complete: globex. The others did, and stay as they are.")
			.contains("smalls migrate --to 3 --tenant globex");
		assertThat(this.tenants.migrator("acme").status().current()).isEqualTo(3);
	}

	@Test
	void rollbackAllTenantsRollsBackEachTenant() throws Exception {
		ShellSession.Result result = this.shell.send("smalls rollback 0 --all-tenants");
		assertThat(result.exitCode()).as(result.output()).isZero();
		assertThat(result.output()).contains("acme ... 2 rolled back").contains("globex ... 1 rolled back");
		assertThat(this.tenants.migrator("acme").status().current()).isZero();
		assertThat(this.tenants.migrator("globex").status().current()).isZero();
	}

	@Test
	void migrateWithATenantMigratesThatTenantOnly() throws Exception {
		ShellSession.Result result = this.shell.send("smalls migrate --tenant globex --to 2");
		assertThat(result.exitCode()).isZero();
		assertThat(result.output()).contains("Tenant globex:").contains("0002_add_age ... applied");
		assertThat(this.tenants.migrator("globex").status().current()).isEqualTo(2);
		assertThat(this.tenants.migrator("acme").status().current()).isEqualTo(2);
	}

	@Test
	void migrateWithoutATenantIsAUsageErrorInAnApplicationWithTenants() throws Exception {
		ShellSession.Result result = this.shell.send("smalls migrate");
		assertThat(result.exitCode()).isEqualTo(2);
		assertThat(result.output()).contains("This application has tenants (acme, globex)")
			.contains("--tenant <id>, or every one with --all-tenants");
		assertThat(this.tenants.migrator("globex").status().current()).isEqualTo(1);
	}

	@Test
	void anUnknownTenantIsAUsageErrorNamingTheKnownOnes() throws Exception {
		ShellSession.Result result = this.shell.send("smalls history --tenant initech");
		assertThat(result.exitCode()).isEqualTo(2);
		assertThat(result.output()).contains("There is no tenant 'initech'. The tenants are: acme, globex.");
	}

	@Test
	void aTenantAndAllTenantsTogetherAreAUsageError() throws Exception {
		ShellSession.Result result = this.shell.send("smalls migrate --tenant acme --all-tenants");
		assertThat(result.exitCode()).isEqualTo(2);
		assertThat(result.output()).contains("Give --tenant <id> or --all-tenants, not both.");
	}

	@Test
	void historyAndLockTakeATenant() throws Exception {
		assertThat(this.shell.send("smalls history --tenant acme").output()).contains("Tenant acme:")
			.contains("0002_add_age");
		assertThat(this.shell.send("smalls lock --tenant acme").output()).contains("Tenant acme:")
			.contains("The migration lock is free.");
	}

	@Test
	void aTenantsInterruptedMigrationIsRepairedWithTheTenantNamed() throws Exception {
		this.tenants.migrator("acme").migrate(3);
		InterruptedSchemaMigration.leave(acme(), TagsMigrations.ADD_TAGS, 1);
		ShellSession.Result refused = this.shell.send("smalls migrate --tenant acme");
		assertThat(refused.exitCode()).isEqualTo(1);
		assertThat(refused.output()).contains("smalls repair 0004 --tenant acme");
		ShellSession.Result repaired = this.shell.send("smalls repair 4 --tenant acme");
		assertThat(repaired.exitCode()).as(repaired.output()).isZero();
		assertThat(repaired.output()).contains("1. createTable tags").contains("To apply it, run: smalls migrate --tenant acme");
	}

	/** A template on the acme schema, as the tenant's migrator works in it. */
	private JdbcTemplate acme() {
		return new JdbcTemplate(new DriverManagerDataSource("jdbc:h2:mem:shell-tenants;DB_CLOSE_DELAY=-1;SCHEMA=ACME",
				"sa", ""));
	}

}
