package dev.smalls.commands;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.jdbc.datasource.DriverManagerDataSource;

import dev.smalls.SmallsMigrator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code --instance <name>}: every command runs on the migration set it names, or on the
 * default one without it; a name that is not there is refused with the closest one.
 */
class InstanceCommandsTests {

	private final SmallsMigrator orders = migrator(TestMigration.sql(1, "create_orders", "CREATE TABLE orders (id INT)",
			"DROP TABLE orders"));

	private final SmallsMigrator billing = migrator(TestMigration.sql(1, "create_invoices",
			"CREATE TABLE invoices (id INT)", "DROP TABLE invoices"));

	private final SmallsCommands commands = new SmallsCommands(
			SmallsCommandRunner.forMigrator(this.orders).build().commands().all(),
			Map.of("billing", SmallsCommandRunner.forMigrator(this.billing).build().commands()));

	private final StringWriter output = new StringWriter();

	private static SmallsMigrator migrator(TestMigration migration) {
		return SmallsMigrator
			.builder(new DriverManagerDataSource("jdbc:h2:mem:instances-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1"))
			.migrations(migration)
			.build();
	}

	private int run(String... words) {
		return this.commands.run(List.of(words), new PrintWriter(this.output));
	}

	@Test
	void aCommandRunsOnTheInstanceItNames() {
		assertThat(run("migrate", "--instance", "billing")).as(this.output.toString()).isZero();
		assertThat(this.billing.status().current()).isEqualTo(1);
		assertThat(this.orders.status().current()).isZero();
		assertThat(run("rollback", "0", "--instance=billing")).as(this.output.toString()).isZero();
		assertThat(this.billing.status().current()).isZero();
	}

	@Test
	void withoutTheOptionACommandRunsOnTheDefaultSet() {
		assertThat(run("migrate")).isZero();
		assertThat(this.orders.status().current()).isEqualTo(1);
		assertThat(this.billing.status().current()).isZero();
	}

	@Test
	void anUnknownInstanceIsRefusedWithTheClosestAndNothingRuns() {
		assertThat(run("migrate", "--instance", "biling")).isEqualTo(SmallsCommand.USAGE_ERROR);
		assertThat(this.output.toString()).startsWith("smalls migrate  ")
			.contains("Error: There is no instance 'biling'; did you mean 'billing'? The instances are: billing.")
			.contains("[--instance NAME]");
		assertThat(this.billing.status().current()).isZero();
		assertThat(this.orders.status().current()).isZero();
	}

	@Test
	void anUnknownInstanceIsRefusedInJsonWhenJsonIsAskedFor() {
		assertThat(run("status", "--json", "--instance", "x")).isEqualTo(SmallsCommand.USAGE_ERROR);
		assertThat(this.output.toString()).startsWith("{").contains("\"error\"").contains("There is no instance 'x'");
	}

	@Test
	void theOptionNeedsAValueAndIsGivenOnce() {
		assertThat(run("status", "--instance")).isEqualTo(SmallsCommand.USAGE_ERROR);
		assertThat(this.output.toString()).contains("--instance needs the name of an instance");
		assertThat(run("status", "--instance", "billing", "--instance", "billing"))
			.isEqualTo(SmallsCommand.USAGE_ERROR);
		assertThat(this.output.toString()).contains("--instance is given twice.");
	}

	@Test
	void anApplicationWithoutInstancesRefusesTheOption() {
		SmallsCommands single = SmallsCommandRunner.forMigrator(this.orders).build().commands();
		assertThat(single.run(List.of("status", "--instance", "billing"), new PrintWriter(this.output)))
			.isEqualTo(SmallsCommand.USAGE_ERROR);
		assertThat(this.output.toString()).contains("this application configures none");
	}

	@Test
	void theListOfCommandsNamesTheInstances() {
		assertThat(run("help")).isZero();
		assertThat(this.output.toString()).contains("with --instance NAME on one of: billing.");
	}

}
