package dev.smalls.commands;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import dev.smalls.MigrationInfo;
import dev.smalls.MigrationNames;
import dev.smalls.MigrationState;
import dev.smalls.MigrationStatus;
import dev.smalls.SmallsMigrator;
import dev.smalls.SmallsTenants;
import dev.smalls.TenantOutcome;
import dev.smalls.TenantsOutcome;

/**
 * {@code smalls status}: every migration and its state, of the application's database or a
 * tenant's, and the migration files written but not built yet; {@code --all-tenants} shows a
 * line per tenant. With {@code --json}, one JSON document: the status in the shape of the
 * actuator endpoint's, or each tenant at a glance.
 */
public class StatusCommand extends SmallsCommand {

	private final TenantOptions tenants;

	private final MigrationSources sources;

	public StatusCommand(SmallsMigrator migrator) {
		this(migrator, null);
	}

	public StatusCommand(SmallsMigrator migrator, @Nullable SmallsTenants tenants) {
		this(migrator, tenants, MigrationSources.unknown());
	}

	public StatusCommand(SmallsMigrator migrator, @Nullable SmallsTenants tenants, MigrationSources sources) {
		super("status", "Show every migration and whether it is applied, pending, missing, interrupted or edited",
				"smalls status [--tenant ID | --all-tenants] [--json]", 0, TenantOptions.TENANT,
				TenantOptions.ALL_TENANTS, JSON);
		this.tenants = new TenantOptions(migrator, tenants);
		this.sources = sources;
	}

	@Override
	protected void run(CommandLine line, PrintWriter out) {
		if (this.tenants.all(line)) {
			printTenants(line, out);
			return;
		}
		TenantOptions.Target target = this.tenants.toRead(line);
		target.announce(out);
		MigrationStatus status = target.migrator().status();
		List<String> notBuilt = this.sources.notBuilt(target.migrator(), () -> status, "does not list it");
		if (status.migrations().isEmpty()) {
			if (notBuilt.isEmpty()) {
				out.println("No migrations yet. " + this.sources.howToWriteTheFirst());
			}
			notBuilt.forEach(out::println);
			return;
		}
		ConsoleTable table = new ConsoleTable("SEQUENCE", "NAME", "STATE", "BATCH", "APPLIED AT", "MS");
		for (MigrationInfo migration : status.migrations()) {
			table.row(MigrationNames.display(migration.sequence()), migration.name() + AdoptCommand.origin(migration),
					migration.state(), migration.batch(), ConsoleTable.time(migration.appliedAt()),
					migration.executionMillis());
		}
		table.print(out);
		out.println("Current sequence: " + MigrationNames.display(status.current()) + ", " + status.pendingCount()
				+ " pending");
		long recorded = status.migrations().stream().filter(MigrationInfo::recordedWithoutRunning).count();
		if (recorded > 0) {
			out.println(recorded + ((recorded == 1) ? " migration was" : " migrations were") + " recorded without "
					+ "smalls running " + ((recorded == 1) ? "it" : "them") + " (a baseline, or adopted from Flyway or "
					+ "Liquibase): smalls history shows where each came from; a rollback stops at a baseline.");
		}
		notBuilt.forEach(out::println);
		for (MigrationInfo interrupted : status.inState(MigrationState.INTERRUPTED)) {
			out.println(interrupted.displayName() + " was interrupted part-way, and nothing else runs until it is "
					+ "repaired: smalls repair " + MigrationNames.display(interrupted.sequence())
					+ TenantOptions.suffix(target.tenant()));
		}
		for (MigrationInfo edited : status.inState(MigrationState.EDITED)) {
			out.println(edited.displayName() + " was edited after it was applied (its checksum differs from the "
					+ "recorded one), and migrate refuses until it is checked: if the edit changes nothing the "
					+ "database has, run smalls repair --accept " + MigrationNames.display(edited.sequence())
					+ TenantOptions.suffix(target.tenant()) + "; otherwise restore it and put the change in a new "
					+ "migration.");
		}
		status.notes().forEach((note) -> out.println("Note: " + note));
		if (target.tenant() == null && this.tenants.configured()) {
			out.println("This is the application's default schema, not a tenant: smalls status --all-tenants shows "
					+ "every tenant, --tenant <id> one of them.");
		}
	}

	/**
	 * {@code current}, {@code pending}, {@code migrations} and {@code notes}, as the endpoint
	 * names them, after {@code tenant} (the tenant's id, or {@code null}); with
	 * {@code --all-tenants}, {@code tenants}, each at a glance by its id.
	 */
	@Override
	protected void runJson(CommandLine line, Map<String, @Nullable Object> document) {
		if (this.tenants.all(line)) {
			TenantsOutcome<MigrationStatus> outcome = this.tenants.tenants().status();
			Map<String, @Nullable Object> tenants = new LinkedHashMap<>();
			for (TenantOutcome<MigrationStatus> tenant : outcome.outcomes()) {
				tenants.put(tenant.tenant(),
						MigrationsJson.tenant(tenant, TenantOptions.retyped(getName(), line, tenant.tenant())));
			}
			document.put("tenants", tenants);
			TenantsReport.requireSucceeded(outcome, getName(), line);
			return;
		}
		TenantOptions.Target target = this.tenants.toRead(line);
		MigrationStatus status = target.migrator().status();
		List<String> notes = new ArrayList<>(status.notes());
		notes.addAll(this.sources.notBuilt(target.migrator(), () -> status, "does not list it"));
		document.put("tenant", target.tenant());
		document.put("current", status.current());
		document.put("pending", status.pendingCount());
		document.put("migrations", status.migrations().stream().map(MigrationsJson::migration).toList());
		document.put("notes", notes);
	}

	private void printTenants(CommandLine line, PrintWriter out) {
		TenantsOutcome<MigrationStatus> outcome = this.tenants.tenants().status();
		if (outcome.outcomes().isEmpty()) {
			out.println("No tenants at the moment.");
			return;
		}
		ConsoleTable table = new ConsoleTable("TENANT", "CURRENT", "PENDING", "MISSING", "INTERRUPTED", "ERROR");
		for (TenantOutcome<MigrationStatus> tenant : outcome.outcomes()) {
			MigrationStatus status = tenant.result();
			if (status != null) {
				table.row(tenant.tenant(), MigrationNames.display(status.current()), status.pendingCount(),
						status.inState(MigrationState.MISSING).size(), status.inState(MigrationState.INTERRUPTED).size(), "");
			}
			else {
				table.row(tenant.tenant(), "", "", "", "", (tenant.failure() != null) ? tenant.failure().getMessage()
						: "skipped: an earlier tenant failed");
			}
		}
		table.print(out);
		for (TenantOutcome<MigrationStatus> tenant : outcome.outcomes()) {
			MigrationStatus status = tenant.result();
			if (status != null) {
				for (MigrationInfo interrupted : status.inState(MigrationState.INTERRUPTED)) {
					out.println(tenant.tenant() + ": " + interrupted.displayName() + " was interrupted part-way; repair "
							+ "it with smalls repair " + MigrationNames.display(interrupted.sequence()) + " --tenant "
							+ tenant.tenant());
				}
			}
		}
		TenantsReport.requireSucceeded(outcome, "status", line);
	}

}
