package dev.smalls.commands;

import java.io.PrintWriter;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import dev.smalls.AdoptionResult;
import dev.smalls.SmallsMigrator;
import dev.smalls.SmallsTenants;

/**
 * {@code smalls baseline <sequence>}: mark a database that smalls never migrated (built by
 * hand, or by another tool) as having the schema of migrations 1 to {@code sequence},
 * without running anything; migrations after it then run as usual.
 */
public class BaselineCommand extends SmallsCommand {

	private final TenantOptions tenants;

	public BaselineCommand(SmallsMigrator migrator) {
		this(migrator, null);
	}

	public BaselineCommand(SmallsMigrator migrator, @Nullable SmallsTenants tenants) {
		super("baseline", "Mark a database smalls never migrated as having migrations 1 to <sequence> applied, "
				+ "without running them", "smalls baseline <sequence> [--tenant ID] [--json]", 1, TenantOptions.TENANT,
				JSON);
		this.tenants = new TenantOptions(migrator, tenants);
	}

	@Override
	protected void run(CommandLine line, PrintWriter out) {
		TenantOptions.Target target = this.tenants.toChange(line, false);
		target.announce(out);
		AdoptionResult result = target.migrator().baseline(sequence(line));
		AdoptCommand.print(result, target.tenant(), out);
	}

	/** {@code tenant}, then the result as {@code adopt --json} gives it. */
	@Override
	protected void runJson(CommandLine line, Map<String, @Nullable Object> document) {
		TenantOptions.Target target = this.tenants.toChange(line, false);
		document.put("tenant", target.tenant());
		AdoptCommand.json(target.migrator().baseline(sequence(line)), document);
	}

	private static int sequence(CommandLine line) {
		if (line.arguments().isEmpty()) {
			throw new UsageException("Name the last migration the schema already has, e.g. smalls baseline 0005: "
					+ "the next migration is then 0006.");
		}
		return number(line.arguments().get(0), "The baseline's sequence", 1);
	}

}
