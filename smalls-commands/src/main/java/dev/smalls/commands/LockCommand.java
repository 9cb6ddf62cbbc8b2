package dev.smalls.commands;

import java.io.PrintWriter;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

import dev.smalls.LockStatus;
import dev.smalls.SmallsMigrator;
import dev.smalls.SmallsTenants;
import dev.smalls.dialect.LockStrategy;

/**
 * {@code smalls lock}: whether another instance holds the migration lock now, who and since
 * when, as far as the database can tell. Only looks: it takes the lock for an instant if it is
 * free, and never waits for it. A held lock is not a failure (exit code 0).
 */
public class LockCommand extends SmallsCommand {

	private final TenantOptions tenants;

	public LockCommand(SmallsMigrator migrator) {
		this(migrator, null);
	}

	public LockCommand(SmallsMigrator migrator, @Nullable SmallsTenants tenants) {
		super("lock", "Show whether another instance holds the migration lock, who and since when",
				"smalls lock [--tenant ID]", 0, TenantOptions.TENANT);
		this.tenants = new TenantOptions(migrator, tenants);
	}

	@Override
	protected void run(CommandLine line, PrintWriter out) {
		TenantOptions.Target target = this.tenants.toRead(line);
		target.announce(out);
		LockStatus lock = target.migrator().lockStatus();
		if (lock.held()) {
			String holder = lock.holder();
			out.println("The migration lock is held by "
					+ ((holder != null) ? holder : "another instance (the database does not say which)")
					+ ((lock.since() != null) ? ", since " + ConsoleTable.time(lock.since()) : "") + ".");
			out.println("A migrate or rollback now waits for it up to smalls.lock-timeout.");
		}
		else {
			out.println("The migration lock is free.");
		}
		out.println("Lock strategy: " + describe(lock.strategy()) + ".");
	}

	private static String describe(LockStrategy strategy) {
		String name = strategy.name().toLowerCase(Locale.ROOT);
		return switch (strategy) {
			case AUTO -> name + " (smalls.lock: the database's own choice)";
			case SESSION -> name + " (smalls.lock: held by the migrating session)";
			case TRANSACTION -> name + " (smalls.lock: held by a transaction open on a connection of its own)";
			case LEASE -> name + " (smalls.lock: a lease, renewed while its holder runs, smalls.lock-lease)";
		};
	}

}
