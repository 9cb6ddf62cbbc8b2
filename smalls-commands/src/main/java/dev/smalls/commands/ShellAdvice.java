package dev.smalls.commands;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import org.springframework.core.NestedExceptionUtils;

import dev.smalls.MigrationNames;
import dev.smalls.SmallsException;
import dev.smalls.SmallsLockException;
import dev.smalls.SmallsMigrationException;
import dev.smalls.SmallsMigrationException.Operation;
import dev.smalls.SmallsMigrationException.Outcome;
import dev.smalls.SmallsValidationException;

/**
 * What to do next, said to the person at the terminal: the command to type or the property
 * to set. The engine's own advice speaks to a programmer calling its API
 * ("build the migrator with outOfOrder(true)"); where that differs, the shell says it its
 * way.
 */
public final class ShellAdvice {

	/** H2's "Database may be already in use": the file is open in another process. */
	private static final String H2_DATABASE_IN_USE = "90020";

	/** The SQL standard's class of connection exceptions. */
	private static final String CONNECTION_EXCEPTION = "08";

	/**
	 * How the engine's advice ends: "Fix X and run migrate again.", "run status, then migrate
	 * again.", "..., then run rollback again.".
	 */
	private static final Pattern RUN_AGAIN = Pattern
		.compile(",? (?:and |then )?(?:run )?(?:migrate|rollback) again\\.$");

	private static final String CHECK_CONNECTION = "Check the database URL, user and password "
			+ "(spring.datasource.url, .username and .password, or smalls.url, .user and .password where set) and "
			+ "that the database is up.";

	private ShellAdvice() {
	}

	/**
	 * Advice for a failure smalls reported.
	 * @param ex the failure
	 * @param typed the command as it was typed, to run again
	 * @return what to do
	 */
	public static String action(SmallsException ex, String typed) {
		return action(ex, typed, null);
	}

	/**
	 * Advice for a failure smalls reported on a tenant's database, or the application's.
	 * @param ex the failure
	 * @param typed the command as it was typed, to run again
	 * @param tenant the tenant the command acted on, or {@code null}
	 * @return what to do
	 */
	static String action(SmallsException ex, String typed, @Nullable String tenant) {
		if (isH2DatabaseInUse(ex)) {
			return h2DatabaseInUse();
		}
		if (isConnectionFailure(ex)) {
			return CHECK_CONNECTION;
		}
		if (ex instanceof SmallsValidationException validation) {
			return validation(validation, typed, TenantOptions.suffix(tenant));
		}
		if (ex instanceof SmallsMigrationException migration) {
			return migration(migration, typed);
		}
		if (ex instanceof SmallsLockException) {
			return ex.getAction() + " The wait is smalls.lock-timeout; once the other instance is done, run "
					+ typed + " again.";
		}
		return ex.getAction();
	}

	private static String validation(SmallsValidationException ex, String typed, String tenant) {
		List<Integer> sequences = ex.getSequences();
		String first = sequences.isEmpty() ? "N" : MigrationNames.display(sequences.get(0));
		return switch (ex.getProblem()) {
			case INTERRUPTED -> "Repair it first: smalls repair " + first + tenant + ". For a schema migration that "
					+ "undoes exactly the operations of it that took effect; for a migration of code, undo by hand "
					+ "what the message says may be in effect first: repair only forgets the interruption. Then run: "
					+ typed;
			case EDITED_MIGRATION -> "Check what changed in " + shown(sequences) + " since " + ((sequences.size() == 1)
					? "it was" : "they were") + " applied. If the edit changes nothing a database already has, run: "
					+ "smalls repair --accept " + first + tenant + " (then " + typed + " again). Otherwise restore the "
					+ "migration as it was and put the change in a new migration. To only warn, set "
					+ "smalls.edited-migrations=warn.";
			case IRREVERSIBLE -> "Roll back no further than " + first + ": smalls rollback " + first + tenant
					+ " keeps it applied and rolls back what is above it. To undo what it did, write a new migration "
					+ "that does, and apply it with smalls migrate" + tenant + ".";
			case OUT_OF_ORDER -> "Migrations apply in sequence order: renumber " + shown(sequences)
					+ " above the current sequence (smalls status shows it), or apply it below on purpose with "
					+ "smalls.out-of-order=true, e.g. java -jar app.jar --smalls.out-of-order=true smalls migrate" + tenant;
			case TARGET_BELOW_CURRENT ->
				"Migrate only moves forward. To go back to " + first + ", run: smalls rollback " + first + tenant;
			case TARGET_ABOVE_CURRENT -> "The target is the sequence that stays applied: pick one at or below the "
					+ "current sequence (smalls status shows it); smalls rollback 0000 rolls back everything.";
			case MISSING_MIGRATION -> ex.getAction() + " smalls history shows when and by whom " + shown(sequences)
					+ ((sequences.size() == 1) ? " was" : " were") + " applied.";
			case SEED_REFUSED -> "Seed data must not reach this database by accident. If it really should be seeded, "
					+ "run: smalls seed --force";
			case SCRIPT_NOT_FOUND ->
				"Fix the location in smalls.init.locations, smalls.seed.locations or smalls.sql.locations, or remove "
						+ "it.";
			default -> ex.getAction();
		};
	}

	private static String migration(SmallsMigrationException ex, String typed) {
		if (ex.getOutcome() == Outcome.UNKNOWN) {
			return "Once the database is reachable, run smalls status: it shows whether "
					+ MigrationNames.display(ex.getFailedSequence(), ex.getFailedName())
					+ ((ex.getOperation() == Operation.MIGRATE) ? " is applied." : " is still applied.");
		}
		if (ex.getOutcome() == Outcome.PARTLY_APPLIED) {
			String shown = MigrationNames.display(ex.getFailedSequence(), ex.getFailedName());
			return "Check the database for what " + shown + " did before it failed and undo that by hand; then run: "
					+ "smalls repair " + MigrationNames.display(ex.getFailedSequence()) + " (it forgets the "
					+ "interruption), fix " + shown + ((ex.getOperation() == Operation.MIGRATE) ? "" : "'s rollback")
					+ ", and run: " + typed;
		}
		// The engine's advice says what to fix or check, and ends "run migrate again": the shell
		// says instead what to type, once.
		String action = ex.getAction();
		Matcher again = RUN_AGAIN.matcher(action);
		return again.find() ? action.substring(0, again.start()) + ", then run: " + typed
				: action + " Then run: " + typed;
	}

	/**
	 * Advice for a failure that is not smalls' own: the database unreachable, the
	 * application's configuration, or a bug.
	 * @param ex the failure
	 * @return what to do
	 */
	public static String action(Throwable ex) {
		if (isH2DatabaseInUse(ex)) {
			return h2DatabaseInUse();
		}
		if (causes(ex).stream().anyMatch(SQLException.class::isInstance)) {
			return CHECK_CONNECTION;
		}
		return "For the stack trace, run the command again with -Dlogging.level.dev.smalls=debug.";
	}

	/**
	 * A failure that is not smalls' own, in a sentence: its most specific message.
	 * @param ex the failure
	 * @return the message
	 */
	public static String describe(Throwable ex) {
		Throwable cause = NestedExceptionUtils.getMostSpecificCause(ex);
		String message = cause.getMessage();
		String text = (message != null && !message.isBlank()) ? message.strip()
				: cause.getClass().getSimpleName() + " (no message)";
		boolean database = causes(ex).stream().anyMatch(SQLException.class::isInstance);
		return database ? "smalls could not work with the database: " + text : text;
	}

	/**
	 * Whether a failure is H2's "Database may be already in use": the file is open in another
	 * process, about which {@link #action(Throwable)} says more than a generic analysis.
	 * @param ex the failure
	 * @return {@code true} if it is
	 */
	public static boolean isH2DatabaseInUse(Throwable ex) {
		return causes(ex).stream()
			.anyMatch((cause) -> cause instanceof SQLException sql && H2_DATABASE_IN_USE.equals(sql.getSQLState())
					&& cause.getClass().getName().startsWith("org.h2."));
	}

	private static boolean isConnectionFailure(Throwable ex) {
		return causes(ex).stream()
			.anyMatch((cause) -> cause instanceof SQLException sql && sql.getSQLState() != null
					&& sql.getSQLState().startsWith(CONNECTION_EXCEPTION));
	}

	private static String h2DatabaseInUse() {
		return "The H2 database file is open in another process, such as the running application. Stop that "
				+ "process, or let both share the file: add ;AUTO_SERVER=TRUE to spring.datasource.url in both.";
	}

	private static List<Throwable> causes(Throwable ex) {
		List<Throwable> causes = new ArrayList<>();
		for (Throwable cause = ex; cause != null && !causes.contains(cause); cause = cause.getCause()) {
			causes.add(cause);
		}
		return causes;
	}

	private static String shown(List<Integer> sequences) {
		return sequences.isEmpty() ? "the migration"
				: sequences.stream().map(MigrationNames::display).collect(Collectors.joining(", "));
	}

}
