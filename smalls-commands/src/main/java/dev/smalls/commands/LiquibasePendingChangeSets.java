package dev.smalls.commands;

import java.util.List;

import org.jspecify.annotations.Nullable;

import dev.smalls.LiquibaseAdoption;
import dev.smalls.SmallsMigrator;

/**
 * Finds the change sets of the application's Liquibase change log that a database has not
 * run, for {@code smalls adopt liquibase}: the database alone cannot show them, and the
 * adoption freezes the change log. The Spring Boot auto-configuration supplies one that
 * reads the change log with Liquibase when it is on the class path.
 */
@FunctionalInterface
public interface LiquibasePendingChangeSets {

	/** Where nobody has the change log: nothing is checked. */
	LiquibasePendingChangeSets UNCHECKED = (migrator, options) -> Check
		.unchecked("this application does not know Liquibase's change log");

	/**
	 * The change sets the change log has that the migrator's database has not run. Reads only:
	 * no table is created or changed, and Liquibase's lock is not taken.
	 * @param migrator the migrator whose database is adopted
	 * @param options where Liquibase's tables are
	 * @return what was found, or why nothing could be checked
	 */
	Check find(SmallsMigrator migrator, LiquibaseAdoption options);

	/**
	 * What a check found.
	 *
	 * @param pending the change sets not run, e.g. {@code db/changelog/x.yaml::2::ada};
	 * {@code null} if they could not be checked
	 * @param unchecked why they could not be checked, or {@code null} if they were
	 */
	record Check(@Nullable List<String> pending, @Nullable String unchecked) {

		/**
		 * The change sets found not run.
		 * @param pending the change sets, empty if none is
		 * @return the check
		 */
		public static Check of(List<String> pending) {
			return new Check(List.copyOf(pending), null);
		}

		/**
		 * Nothing could be checked.
		 * @param why why, to follow "Liquibase's pending change sets could not be checked: "
		 * @return the check
		 */
		public static Check unchecked(String why) {
			return new Check(null, why);
		}

	}

}
