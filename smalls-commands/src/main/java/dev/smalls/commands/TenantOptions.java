package dev.smalls.commands;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import dev.smalls.SmallsMigrator;
import dev.smalls.SmallsTenant;
import dev.smalls.SmallsTenants;
import dev.smalls.commands.SmallsCommand.Option;
import dev.smalls.commands.SmallsCommand.UsageException;

/**
 * Which database a command acts on: {@code --tenant <id>}, {@code --all-tenants}, or the
 * application's own. Both options are refused where no tenants are configured, and a command
 * that changes the database refuses to guess in an application that has them: its default
 * schema is not a tenant (start-up does not migrate it), so a bare {@code smalls migrate}
 * there would put the tenants' tables where nobody looks for them.
 */
final class TenantOptions {

	static final Option TENANT = Option.value("tenant", "the tenant to act on, by its id");

	static final Option ALL_TENANTS = Option.flag("all-tenants",
			"every tenant, smalls.tenants.parallelism at a time");

	private static final int SHOWN_TENANTS = 5;

	private final SmallsMigrator migrator;

	private final @Nullable SmallsTenants tenants;

	TenantOptions(SmallsMigrator migrator, @Nullable SmallsTenants tenants) {
		this.migrator = migrator;
		this.tenants = tenants;
	}

	/**
	 * Whether {@code --all-tenants} was given.
	 * @param line the command line
	 * @return {@code true} to act on every tenant
	 */
	boolean all(CommandLine line) {
		if (!"true".equals(line.option(ALL_TENANTS.name()))) {
			return false;
		}
		requireTenants("--all-tenants");
		if (line.option(TENANT.name()) != null) {
			throw new UsageException("Give --tenant <id> or --all-tenants, not both.");
		}
		return true;
	}

	/**
	 * The one database a command that reads acts on: the tenant named, or the application's.
	 * @param line the command line
	 * @return the tenant's migrator, or the application's
	 */
	Target toRead(CommandLine line) {
		String id = line.option(TENANT.name());
		return (id != null) ? tenant(id) : new Target(this.migrator, null);
	}

	/**
	 * The one database a command that changes it acts on: the tenant named, or, in an
	 * application without tenants, the application's.
	 * @param line the command line
	 * @param allTenantsOffered whether the command also takes {@code --all-tenants}
	 * @return the tenant's migrator, or the application's
	 */
	Target toChange(CommandLine line, boolean allTenantsOffered) {
		String id = line.option(TENANT.name());
		if (id == null && this.tenants != null) {
			throw new UsageException("This application has tenants (" + known(this.tenants)
					+ "): name the one to act on with --tenant <id>"
					+ (allTenantsOffered ? ", or every one with --all-tenants" : "")
					+ ". The application's default schema is not a tenant, and start-up does not migrate it.");
		}
		return (id != null) ? tenant(id) : new Target(this.migrator, null);
	}

	private Target tenant(String id) {
		SmallsTenants tenants = requireTenants("--tenant");
		if (tenants.tenants().stream().noneMatch((tenant) -> tenant.id().equals(id))) {
			throw new UsageException("There is no tenant '" + CommandLine.shown(id) + "'. The tenants are: "
					+ known(tenants) + ".");
		}
		return new Target(tenants.migrator(id), id);
	}

	/**
	 * The tenants, once {@link #all(CommandLine)} said the command acts on all of them.
	 * @return the tenants
	 */
	SmallsTenants tenants() {
		return requireTenants("--all-tenants");
	}

	/**
	 * Whether the application has tenants at all.
	 * @return {@code true} if it has
	 */
	boolean configured() {
		return this.tenants != null;
	}

	/**
	 * The command as typed, for one tenant of an {@code --all-tenants} run: what to type to
	 * run it again there.
	 * @param command the command's name
	 * @param line the command line
	 * @param tenant the tenant
	 * @return e.g. {@code smalls rollback 2 --tenant acme}
	 */
	static String retyped(String command, CommandLine line, String tenant) {
		List<String> words = new ArrayList<>(List.of("smalls", command));
		words.addAll(line.arguments());
		for (Map.Entry<String, String> option : line.options().entrySet()) {
			if (!option.getKey().equals(ALL_TENANTS.name())) {
				words.add("--" + option.getKey());
				words.add(option.getValue());
			}
		}
		words.add("--tenant");
		words.add(tenant);
		return String.join(" ", words);
	}

	/**
	 * How to name a tenant in a command to type: {@code " --tenant acme"}, or nothing.
	 * @param tenant the tenant, or {@code null}
	 * @return the words to add
	 */
	static String suffix(@Nullable String tenant) {
		return (tenant != null) ? " --tenant " + tenant : "";
	}

	private SmallsTenants requireTenants(String option) {
		if (this.tenants == null) {
			throw new UsageException(option + " needs tenants, and none are configured in this application: set "
					+ "smalls.tenants.schemas or declare a SmallsTenantSource bean.");
		}
		return this.tenants;
	}

	private static String known(SmallsTenants tenants) {
		List<String> ids = tenants.tenants().stream().map(SmallsTenant::id).toList();
		if (ids.isEmpty()) {
			return "none at the moment";
		}
		String shown = String.join(", ", ids.subList(0, Math.min(SHOWN_TENANTS, ids.size())));
		return (ids.size() > SHOWN_TENANTS) ? shown + " and " + (ids.size() - SHOWN_TENANTS) + " more" : shown;
	}

	/**
	 * The database a command acts on.
	 *
	 * @param migrator its migrator
	 * @param tenant the tenant's id, or {@code null} for the application's own database
	 */
	record Target(SmallsMigrator migrator, @Nullable String tenant) {

		/**
		 * Say which tenant the output is about, when it is a tenant's.
		 * @param out where to print
		 */
		void announce(PrintWriter out) {
			if (this.tenant != null) {
				out.println("Tenant " + this.tenant + ":");
			}
		}

	}

}
