package dev.smalls.commands;

import java.io.PrintWriter;

import org.jspecify.annotations.Nullable;

import dev.smalls.MigrationInfo;
import dev.smalls.MigrationNames;
import dev.smalls.RepairResult;
import dev.smalls.SmallsException;
import dev.smalls.SmallsMigrator;
import dev.smalls.SmallsTenants;
import dev.smalls.SmallsValidationException;
import dev.smalls.SmallsValidationException.Problem;

/**
 * {@code smalls repair <sequence>}: undo exactly what a schema migration interrupted part-way
 * (a process killed while its DDL committed statement by statement) left in effect, so that
 * migrate can run it again; an interrupted rollback is repaired by applying again what it had
 * undone. {@code smalls repair --accept <sequence>}: record the checksum an edited migration's
 * code gives now, once a person has checked the edit.
 */
public class RepairCommand extends SmallsCommand {

	private final TenantOptions tenants;

	public RepairCommand(SmallsMigrator migrator) {
		this(migrator, null);
	}

	public RepairCommand(SmallsMigrator migrator, @Nullable SmallsTenants tenants) {
		super("repair", "Undo what an interrupted schema migration left in effect (or forget the interruption of a "
				+ "migration of code, once you have undone it), so that it can run again",
				"smalls repair <sequence> [--tenant ID] | smalls repair --accept <sequence> [--tenant ID]", 1,
				TenantOptions.TENANT, Option.flag("accept", "record the checksum of an EDITED migration as its code gives "
						+ "it now, after you checked the edit; nothing runs"));
		this.tenants = new TenantOptions(migrator, tenants);
	}

	@Override
	protected void run(CommandLine line, PrintWriter out) {
		if (line.arguments().isEmpty()) {
			throw new UsageException("Name the interrupted migration by its sequence, e.g. smalls repair 0004; "
					+ "smalls status shows it as INTERRUPTED.");
		}
		int sequence = number(line.arguments().get(0), "The sequence", 1);
		TenantOptions.Target target = this.tenants.toChange(line, false);
		target.announce(out);
		if ("true".equals(line.option("accept"))) {
			accept(target, sequence, out);
			return;
		}
		RepairResult result = repair(target, sequence);
		String shown = result.displayName();
		String verb = result.applied() ? "applied again" : "undone";
		result.undone().forEach((operation) -> out.println("  " + operation + " ... " + verb));
		String tenant = TenantOptions.suffix(target.tenant());
		if (result.forgotten()) {
			out.println("Repair is complete: smalls forgot that " + shown + " was interrupted. It is code, whose work "
					+ "smalls cannot undo: the database is as you left it.");
		}
		target.migrator().status().notes().forEach((note) -> out.println("Note: " + note));
		if (result.applied()) {
			out.println((result.forgotten() ? shown + " is applied." : "Repair is complete: " + shown
					+ " is applied, as it was before its rollback started."));
			out.println("To roll it back, run: smalls rollback " + MigrationNames.display(result.sequence() - 1)
					+ tenant);
		}
		else {
			out.println((result.forgotten() ? shown + " is pending."
					: "Repair is complete: " + (result.undone().isEmpty() ? "none of " + shown + " had taken effect"
							: "nothing of " + shown + " is in effect any more") + ", and it is pending."));
			out.println("To apply it, run: smalls migrate" + tenant);
		}
	}

	private static void accept(TenantOptions.Target target, int sequence, PrintWriter out) {
		MigrationInfo accepted;
		try {
			accepted = target.migrator().acceptChecksum(sequence);
		}
		catch (SmallsValidationException ex) {
			throw new SmallsException(String.valueOf(ex.getMessage()), ex.getAction(), ex);
		}
		out.println("Recorded the checksum of " + accepted.displayName() + " as its code gives it now ("
				+ accepted.checksum() + "). Nothing ran; the database is as it was.");
		out.println(accepted.displayName() + " is " + accepted.state() + "; smalls migrate"
				+ TenantOptions.suffix(target.tenant()) + " no longer refuses it.");
	}

	private static RepairResult repair(TenantOptions.Target target, int sequence) {
		try {
			return target.migrator().repair(sequence);
		}
		catch (SmallsValidationException ex) {
			// Refused for the database's state (nothing to repair, or the code changed since), not
			// for the command line: a failure with the engine's reason, not a usage error.
			String tenant = TenantOptions.suffix(target.tenant());
			String action = (ex.getProblem() == Problem.INVALID_ARGUMENT)
					? "smalls status" + tenant + " shows a migration that needs repair as INTERRUPTED."
					: ex.getAction() + " With the code that ran restored, run: smalls repair "
							+ MigrationNames.display(sequence) + tenant;
			throw new SmallsException(String.valueOf(ex.getMessage()), action, ex);
		}
	}

}
