package dev.smalls.autoconfigure;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.core.env.Environment;

import dev.smalls.MigrationNames;
import dev.smalls.SmallsException;
import dev.smalls.SmallsLockException;
import dev.smalls.SmallsMigration;
import dev.smalls.SmallsMigrationException;
import dev.smalls.SmallsMigrationException.Operation;
import dev.smalls.SmallsValidationException;

/**
 * What to do about a smalls failure that stopped the start-up, told to someone who
 * configures a Spring Boot application: which property to set, which bean to fix, and that
 * restarting the application is how migrate runs again. The engine's own advice, written
 * for a caller of its API, is kept wherever Boot has nothing better to say.
 */
final class StartupAdvice {

	private final @Nullable ConfigurableListableBeanFactory beanFactory;

	private final Environment environment;

	StartupAdvice(BeanFactory beanFactory, Environment environment) {
		this.beanFactory = (beanFactory instanceof ConfigurableListableBeanFactory listable) ? listable : null;
		this.environment = environment;
	}

	String actionFor(SmallsException failure) {
		if (failure instanceof SmallsMigrationException migration) {
			return forMigration(migration);
		}
		if (failure instanceof SmallsValidationException validation) {
			return forValidation(validation);
		}
		if (failure instanceof SmallsLockException) {
			return "Wait for the other instance to finish migrating and start again, or raise smalls.lock-timeout (now "
					+ this.environment.getProperty("smalls.lock-timeout", "1m") + "). The lock belongs to a database "
					+ "session: if it is still held, a live connection holds it.";
		}
		if (failure.getCause() instanceof SQLException) {
			return connectionAdvice();
		}
		return failure.getAction();
	}

	private String connectionAdvice() {
		if (this.environment.containsProperty("smalls.url") || this.environment.containsProperty("smalls.user")) {
			return "Check that the database is up and that smalls.url, smalls.user and smalls.password are right: "
					+ "smalls migrates with them.";
		}
		return "Check that the database is up and that spring.datasource.url, username and password (or those of "
				+ "the @SmallsDataSource bean) are right.";
	}

	private String forMigration(SmallsMigrationException failure) {
		String shown = MigrationNames.display(failure.getFailedSequence(), failure.getFailedName());
		String fix = (failure.getOperation() == Operation.MIGRATE) ? shown : "the rollback of " + shown;
		return switch (failure.getOutcome()) {
			case ROLLED_BACK -> "Fix " + fix + " and start the application again: smalls applies what is pending "
					+ "on start-up.";
			case PARTLY_APPLIED -> "Check the database for what " + shown + " did before it failed and undo that "
					+ "by hand; then repair it ('smalls repair " + MigrationNames.display(failure.getFailedSequence())
					+ "', or POST {\"sequence\": " + failure.getFailedSequence() + "} to /actuator/smalls/repair), "
					+ "which forgets the interruption; fix " + fix + " and start the application again.";
			case UNKNOWN -> "Once the database is reachable, see whether " + shown + " is applied (GET "
					+ "/actuator/smalls, or 'smalls status' in the shell), then start the application again.";
		};
	}

	private String forValidation(SmallsValidationException failure) {
		List<Integer> sequences = failure.getSequences();
		return switch (failure.getProblem()) {
			case OUT_OF_ORDER -> "Renumber " + displayAll(sequences) + " above the current sequence, or set "
					+ "smalls.out-of-order=true to apply " + ((sequences.size() == 1) ? "it" : "them") + " anyway.";
			case TARGET_BELOW_CURRENT -> (this.environment.getProperty("smalls.target") != null)
					? "Start-up only migrates forward: raise smalls.target to the current sequence or above, or remove "
							+ "it. To go back to " + displayAll(sequences) + ", roll back to it (POST "
							+ "/actuator/smalls/rollback or 'smalls rollback' in the shell) before starting."
					: "Start-up only migrates forward: have the SmallsMigrationStrategy migrate to the current "
							+ "sequence or above.";
			case INVALID_ARGUMENT -> (this.environment.getProperty("smalls.target") != null)
					? "Set smalls.target to a sequence of 0 or more, or remove it to apply everything on start-up."
					: failure.getAction();
			case INVALID_MIGRATIONS -> invalidMigrations(failure);
			case MISSING_MIGRATION -> "Restore the SmallsMigration bean" + ((sequences.size() == 1) ? "" : "s")
					+ " for " + displayAll(sequences) + " with " + ((sequences.size() == 1) ? "its" : "their")
					+ " rollback, or have the SmallsMigrationStrategy roll back less.";
			case INTERRUPTED -> "Repair it first ('smalls repair " + (sequences.isEmpty() ? "N" : MigrationNames.display(sequences.get(0)))
					+ "' as a one-shot run, or POST {\"sequence\": " + (sequences.isEmpty() ? "N" : sequences.get(0))
					+ "} to /actuator/smalls/repair), then start the application again. For a schema migration "
					+ "repair undoes exactly the operations of it that took effect; for a migration of code, undo by "
					+ "hand what the message says may be in effect first: repair only forgets the interruption.";
			case EDITED_MIGRATION -> "Check what changed in " + displayAll(sequences) + " since "
					+ ((sequences.size() == 1) ? "it was" : "they were") + " applied. If the edit changes nothing a "
					+ "database already has, record the new checksum ('smalls repair --accept "
					+ (sequences.isEmpty() ? "N" : MigrationNames.display(sequences.get(0))) + "' as a one-shot run, "
					+ "or POST {\"sequence\": " + (sequences.isEmpty() ? "N" : sequences.get(0)) + "} to "
					+ "/actuator/smalls/accept) and start again; otherwise restore the migration as it was and put "
					+ "the change in a new migration. To start anyway and only log a warning, set "
					+ "smalls.edited-migrations=warn.";
			case LINT_FINDINGS -> "Write each operation the safe way the finding gives (schema.safely(..), or "
					+ "smalls.schema.safe-rewrites=true), or acknowledge it in the migration with a reason "
					+ "(schema.acknowledge(rule, reason) after the operation, @Acknowledge on a class of code); "
					+ "'smalls lint' as a one-shot run shows the findings. To start anyway and only log them, set "
					+ "smalls.lint.mode=warn.";
			case SEED_REFUSED -> "Remove the profile from smalls.seed.forbidden-profiles if this database really "
					+ "should get seed data, or seed with force.";
			case SCRIPT_NOT_FOUND -> "Fix the location in smalls.init.locations, smalls.seed.locations or "
					+ "smalls.sql.locations, or remove it.";
			default -> failure.getAction();
		};
	}

	/**
	 * Name the beans to fix. The engine names the class of every offending migration in its
	 * message; a bean whose class it names is one of them.
	 */
	private String invalidMigrations(SmallsValidationException failure) {
		List<String> beans = new ArrayList<>();
		if (this.beanFactory != null) {
			String message = String.valueOf(failure.getMessage());
			for (String name : this.beanFactory.getBeanNamesForType(SmallsMigration.class, true, false)) {
				Class<?> type = this.beanFactory.getType(name, false);
				if (type != null && names(message, type)) {
					beans.add("'" + name + "' (" + type.getName() + describeSource(name) + ")");
				}
			}
		}
		String fix = "Give every SmallsMigration bean a sequence of its own, 1 or more, and a snake_case name";
		if (String.valueOf(failure.getMessage()).contains(".sql")) {
			fix += ", and rename or fix the SQL files the message names (found in smalls.sql.locations)";
		}
		return beans.isEmpty() ? fix + "." : fix + ". Beans to fix: " + String.join(", ", beans) + ".";
	}

	private static boolean names(String message, Class<?> type) {
		// The class name must end where an identifier ends: M0001 is not M00011.
		return Pattern.compile(Pattern.quote(type.getName()) + "(?![\\w$])").matcher(message).find();
	}

	private String describeSource(String beanName) {
		if (this.beanFactory == null || !this.beanFactory.containsBeanDefinition(beanName)) {
			return "";
		}
		BeanDefinition definition = this.beanFactory.getMergedBeanDefinition(beanName);
		String resource = definition.getResourceDescription();
		return (resource != null) ? ", defined in " + resource : "";
	}

	private static String displayAll(List<Integer> sequences) {
		return sequences.isEmpty() ? "the migration"
				: sequences.stream().map(MigrationNames::display).collect(Collectors.joining(", "));
	}

}
