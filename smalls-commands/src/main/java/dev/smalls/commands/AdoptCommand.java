package dev.smalls.commands;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import dev.smalls.AdoptionResult;
import dev.smalls.FlywayAdoption;
import dev.smalls.LiquibaseAdoption;
import dev.smalls.MigrationInfo;
import dev.smalls.MigrationNames;
import dev.smalls.SmallsMigrator;
import dev.smalls.SmallsTenants;

/**
 * {@code smalls adopt flyway|liquibase}: record what Flyway or Liquibase applied in smalls'
 * history, without running anything, so that smalls takes over: Flyway's migrations one by
 * one, Liquibase's change log as one baseline.
 */
public class AdoptCommand extends SmallsCommand {

	private static final Option TABLE = Option.value("table",
			"the other tool's history table (flyway_schema_history, DATABASECHANGELOG)");

	private static final Option SCHEMA = Option.value("schema", "the schema (MariaDB/MySQL: the database) it is in");

	private static final Option MAP = Option.value("map", "flyway: sequences for versions that are not whole "
			+ "numbers, e.g. 1.1=2,2.0.1=3");

	private static final Option SEQUENCE = Option.value("sequence",
			"liquibase: the baseline's sequence (default 0: smalls migrations start at 0001)");

	private static final int SHOWN = 20;

	private final TenantOptions tenants;

	private final LiquibasePendingChangeSets liquibasePending;

	public AdoptCommand(SmallsMigrator migrator) {
		this(migrator, null);
	}

	public AdoptCommand(SmallsMigrator migrator, @Nullable SmallsTenants tenants) {
		this(migrator, tenants, LiquibasePendingChangeSets.UNCHECKED);
	}

	public AdoptCommand(SmallsMigrator migrator, @Nullable SmallsTenants tenants,
			LiquibasePendingChangeSets liquibasePending) {
		super("adopt", "Record what Flyway or Liquibase applied in smalls' history, without running anything",
				"smalls adopt flyway [--table T] [--schema S] [--map 1.1=2,...] | smalls adopt liquibase [--table T] "
						+ "[--schema S] [--sequence N]; [--tenant ID] [--json]",
				1, TABLE, SCHEMA, MAP, SEQUENCE, TenantOptions.TENANT, JSON);
		this.tenants = new TenantOptions(migrator, tenants);
		this.liquibasePending = liquibasePending;
	}

	@Override
	protected void run(CommandLine line, PrintWriter out) {
		TenantOptions.Target target = this.tenants.toChange(line, false);
		target.announce(out);
		print(adopt(target.migrator(), line), target.tenant(), out);
	}

	/** {@code tenant}, {@code source}, {@code recorded} (each as {@code status --json} shows it), {@code toPort}, {@code notes}, {@code nextSequence}, {@code schemaRecorded}. */
	@Override
	protected void runJson(CommandLine line, Map<String, @Nullable Object> document) {
		TenantOptions.Target target = this.tenants.toChange(line, false);
		document.put("tenant", target.tenant());
		json(adopt(target.migrator(), line), document);
	}

	private AdoptionResult adopt(SmallsMigrator migrator, CommandLine line) {
		String tool = line.arguments().isEmpty() ? "" : line.arguments().get(0);
		String table = line.option(TABLE.name());
		String schema = line.option(SCHEMA.name());
		if (tool.equals("flyway")) {
			refuse(line, SEQUENCE, "flyway");
			// Where the migrator looks for Flyway's history (the application's spring.flyway.*)
			// unless told otherwise.
			FlywayAdoption located = migrator.getFlywayHistory();
			FlywayAdoption options = FlywayAdoption.defaults()
				.withTable((table != null) ? table : located.table(), (schema != null) ? schema : located.schema());
			String map = line.option(MAP.name());
			if (map != null) {
				for (String pair : map.split(",")) {
					options = mapped(options, pair.strip());
				}
			}
			return migrator.adoptFlyway(options);
		}
		if (tool.equals("liquibase")) {
			refuse(line, MAP, "liquibase");
			String sequence = line.option(SEQUENCE.name());
			LiquibaseAdoption located = migrator.getLiquibaseHistory();
			return adoptLiquibase(migrator, new LiquibaseAdoption((table != null) ? table : located.table(),
					(schema != null) ? schema : located.schema(),
					(sequence != null) ? number(sequence, "The baseline's sequence", 0)
							: LiquibaseAdoption.DEFAULT_SEQUENCE)
				.withLockTable(located.lockTable()));
		}
		throw new UsageException("Name the tool whose history to adopt: smalls adopt flyway, or smalls adopt "
				+ "liquibase" + (tool.isEmpty() ? "." : ", not " + CommandLine.shown(tool) + "."));
	}

	private AdoptionResult adoptLiquibase(SmallsMigrator migrator, LiquibaseAdoption options) {
		LiquibasePendingChangeSets.Check check = this.liquibasePending.find(migrator, options);
		List<String> pending = check.pending();
		AdoptionResult result = migrator.adoptLiquibase((pending != null) ? options.withPending(pending) : options);
		if (check.unchecked() == null) {
			return result;
		}
		List<String> notes = new ArrayList<>(result.notes());
		notes.add("Liquibase's pending change sets could not be checked: " + check.unchecked() + ". Check with "
				+ "liquibase status that none is pending on this database: one that is will never run now.");
		return new AdoptionResult(result.source(), result.recorded(), result.toPort(), notes, result.nextSequence(),
				result.schemaRecorded());
	}

	private static void refuse(CommandLine line, Option option, String tool) {
		if (line.option(option.name()) != null) {
			throw new UsageException("--" + option.name() + " is not for adopt " + tool + ".");
		}
	}

	private static FlywayAdoption mapped(FlywayAdoption options, String pair) {
		int equals = pair.indexOf('=');
		if (equals <= 0 || equals == pair.length() - 1) {
			throw new UsageException("--map takes <version>=<sequence> pairs separated by commas, e.g. "
					+ "--map 1.1=2,2.0.1=3, not " + CommandLine.shown(pair) + ".");
		}
		return options.withSequence(pair.substring(0, equals).strip(),
				number(pair.substring(equals + 1).strip(), "The sequence of version " + pair.substring(0, equals), 1));
	}

	/**
	 * What an adoption or a baseline recorded, for a person.
	 * @param result the result
	 * @param tenant the tenant, or {@code null}
	 * @param out where to print
	 */
	static void print(AdoptionResult result, @Nullable String tenant, PrintWriter out) {
		List<MigrationInfo> recorded = result.recorded();
		recorded.stream()
			.limit(SHOWN)
			.forEach((migration) -> out.println("  " + migration.displayName() + " ... recorded (" + migration.origin()
					+ ")"));
		if (recorded.size() > SHOWN) {
			out.println("  ... and " + (recorded.size() - SHOWN) + " more, up to "
					+ recorded.get(recorded.size() - 1).displayName() + " (smalls history shows them all)");
		}
		result.toPort().forEach((port) -> out.println("To port: " + port));
		result.notes().forEach((note) -> out.println("Note: " + note));
		if (!recorded.isEmpty()) {
			out.println("Recorded " + recorded.size() + " migration" + ((recorded.size() == 1) ? "" : "s") + " from "
					+ result.source() + " as applied. Nothing ran; the schema is as it was"
					+ (result.schemaRecorded() ? ", and is recorded for drift checks." : "."));
		}
		out.println("The next smalls migration is " + MigrationNames.display(result.nextSequence())
				+ "; smalls migrate" + TenantOptions.suffix(tenant) + " applies what follows.");
	}

	/**
	 * What an adoption or a baseline recorded, for a script.
	 * @param result the result
	 * @param document the JSON document
	 */
	static void json(AdoptionResult result, Map<String, @Nullable Object> document) {
		document.put("source", result.source());
		document.put("recorded", result.recorded().stream().map(MigrationsJson::migration).toList());
		document.put("toPort", result.toPort());
		document.put("notes", result.notes());
		document.put("nextSequence", result.nextSequence());
		document.put("schemaRecorded", result.schemaRecorded());
	}

	/**
	 * A migration's origin, briefly, for a table's name column.
	 * @param migration the migration
	 * @return e.g. {@code " (baseline)"} or {@code " (flyway)"}, empty for one smalls ran
	 */
	static String origin(MigrationInfo migration) {
		String origin = migration.origin();
		if (origin == null) {
			return "";
		}
		String[] words = origin.split(" ", 3);
		boolean baseline = words[0].equals("baseline");
		String tool = baseline ? ((words.length > 1) ? words[1] : "") : words[0];
		return " (" + (baseline ? "baseline" + (tool.isEmpty() ? "" : ", " + tool) : tool) + ")";
	}

}
