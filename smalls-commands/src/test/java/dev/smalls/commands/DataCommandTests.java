package dev.smalls.commands;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import dev.smalls.DependsOnData;
import dev.smalls.SmallsMigration;
import dev.smalls.SmallsMigrator;
import dev.smalls.testsupport.Backfill;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code smalls migrate --data} runs the backfill in the foreground, with its progress, and
 * then what waited for it; {@code smalls data} shows, pauses, resumes and cancels.
 */
class DataCommandTests {

	private final DriverManagerDataSource dataSource = new DriverManagerDataSource(
			"jdbc:h2:mem:data-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");

	private final JdbcTemplate jdbc = new JdbcTemplate(this.dataSource);

	private ByteArrayOutputStream output = new ByteArrayOutputStream();

	@DependsOnData(2)
	static final class AfterBackfill implements SmallsMigration {

		@Override
		public int sequence() {
			return 3;
		}

		@Override
		public void migrate(JdbcTemplate jdbc) {
			jdbc.execute("ALTER TABLE items ALTER COLUMN filled SET NOT NULL");
		}

		@Override
		public void rollback(JdbcTemplate jdbc) {
			jdbc.execute("ALTER TABLE items ALTER COLUMN filled SET NULL");
		}

	}

	private final SmallsMigrator migrator = SmallsMigrator.builder(this.dataSource)
		.migrations(Backfill.SCHEMA, new Backfill(400), new AfterBackfill())
		.build();

	private int run(String... words) {
		this.output = new ByteArrayOutputStream();
		return SmallsCommandRunner.forMigrator(this.migrator).build().run(List.of(words), this.output);
	}

	private String output() {
		return this.output.toString(StandardCharsets.UTF_8);
	}

	@Test
	void migrateLeavesTheBackfillAndWithDataRunsItThenWhatWaitedForIt() {
		Backfill.createItems(this.jdbc, 1_000);
		assertThat(run("migrate")).as(output()).isZero();
		assertThat(output()).contains("0001_add_filled ... applied").doesNotContain("0002").doesNotContain("0003");
		assertThat(run("data")).as(output()).isZero();
		assertThat(output()).containsPattern("0002\\s+fill_items\\s+READY\\s+\\?\\s+0");

		assertThat(run("migrate", "--data")).as(output()).isZero();
		// Not a terminal: plain lines, the first batch's and the last's, no carriage returns.
		assertThat(output()).contains("Running data migrations:")
			.contains("  0002_fill_items RUNNING 40% (400 of 1,000 rows)")
			.contains("  0002_fill_items DONE 100% (1,000 of 1,000 rows)")
			.contains("Data migrations are complete.")
			.contains("0003_after_backfill ... applied")
			.doesNotContain("\r");
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM items WHERE hits = 1", Integer.class))
			.isEqualTo(1_000);
		assertThat(run("data")).as(output()).isZero();
		assertThat(output()).containsPattern("0002\\s+fill_items\\s+DONE\\s+100%\\s+1,000");
	}

	@Test
	void anOperatorPausesResumesAndCancelsAndMigrateDataSaysWhatIsNotDone() {
		Backfill.createItems(this.jdbc, 500);
		run("migrate");
		assertThat(run("data", "pause", "2")).as(output()).isZero();
		assertThat(output()).contains("0002_fill_items PAUSED 0 rows: paused by smalls data pause")
			.contains("to run it again from where it stopped: smalls data resume 2");

		assertThat(run("migrate", "--data")).as(output()).isEqualTo(SmallsCommand.FAILURE);
		assertThat(output()).contains("1 data migration is not done: 0002_fill_items.")
			.contains("smalls data resume <sequence>");
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM items WHERE hits > 0", Integer.class)).isZero();

		assertThat(run("data", "resume", "0002")).as(output()).isZero();
		assertThat(run("data", "cancel", "2")).as(output()).isZero();
		assertThat(output()).contains("CANCELLED");
		assertThat(run("data", "stop", "2")).as(output()).isEqualTo(SmallsCommand.USAGE_ERROR);
		assertThat(output()).contains("Unknown action 'stop'");
		assertThat(run("data", "pause", "1")).as(output()).isEqualTo(SmallsCommand.USAGE_ERROR);
		assertThat(output()).contains("the code has no data migration with that sequence (it has 0002_fill_items)");
		assertThat(run("migrate", "--data", "--to", "3")).as(output()).isEqualTo(SmallsCommand.USAGE_ERROR);
	}

	@Test
	void onATerminalTheProgressIsOneBarRedrawnInPlace() {
		java.io.StringWriter text = new java.io.StringWriter();
		DataProgressPrinter printer = new DataProgressPrinter(new java.io.PrintWriter(text), true);
		printer.accept(new dev.smalls.DataMigrationProgress(7, "fill_full_name", dev.smalls.DataMigrationState.RUNNING,
				520_000, 1_000_000, 520, 0, "app@host", null, null, 41_000, null));
		printer.end();
		assertThat(text.toString()).isEqualTo("\r  [################--------------] 0007_fill_full_name RUNNING 52% "
				+ "(520,000 of 1,000,000 rows), 41,000 rows/s, about 11 s left   " + System.lineSeparator());
	}

	@Test
	void dataJsonIsOneDocumentForScripts() throws Exception {
		Backfill.createItems(this.jdbc, 10);
		run("migrate");
		assertThat(run("data", "--json")).isZero();
		JsonNode document = JsonMapper.builder().build().readTree(output());
		assertThat(document.get("command").asString()).isEqualTo("data");
		JsonNode data = document.get("dataMigrations").get(0);
		assertThat(data.get("sequence").asInt()).isEqualTo(2);
		assertThat(data.get("state").asString()).isEqualTo("READY");
		assertThat(data.get("percent").isNull()).isTrue();
	}

}
