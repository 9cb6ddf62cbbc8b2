package dev.smalls.autoconfigure;

import java.util.List;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

import dev.smalls.FlywayAdoption;
import dev.smalls.LiquibaseAdoption;

/**
 * Where the application's Flyway and Liquibase kept their histories, as Spring Boot's
 * {@code spring.flyway.*} and {@code spring.liquibase.*} settings put them, for
 * {@code smalls adopt} to look without {@code --table} and {@code --schema}: the settings
 * usually stay in {@code application.properties} after the tool is removed. They are read as
 * plain properties, so that neither tool needs to be on the class path; where each tool puts its
 * tables is {@link FlywayAdoption#located} and {@link LiquibaseAdoption#located}, as the Maven
 * plugin reads them too.
 */
final class ForeignHistoryLocations {

	private ForeignHistoryLocations() {
	}

	/**
	 * Flyway's history: {@code spring.flyway.table}, in {@code spring.flyway.default-schema}
	 * or else the first of {@code spring.flyway.schemas}, as Flyway places it.
	 * @param environment the application's environment
	 * @return the adoption's default options
	 */
	static FlywayAdoption flyway(Environment environment) {
		Binder binder = Binder.get(environment);
		return FlywayAdoption.located(binder.bind("spring.flyway.table", String.class).orElse(null),
				binder.bind("spring.flyway.default-schema", String.class).orElse(null),
				binder.bind("spring.flyway.schemas", Bindable.listOf(String.class)).orElse(List.of()));
	}

	/**
	 * Liquibase's change log table: {@code spring.liquibase.database-change-log-table}, in
	 * {@code spring.liquibase.liquibase-schema} or else {@code spring.liquibase.default-schema},
	 * as Liquibase places it, and its lock table,
	 * {@code spring.liquibase.database-change-log-lock-table}.
	 * @param environment the application's environment
	 * @return the adoption's default options
	 */
	static LiquibaseAdoption liquibase(Environment environment) {
		Binder binder = Binder.get(environment);
		return LiquibaseAdoption.located(
				binder.bind("spring.liquibase.database-change-log-table", String.class).orElse(null),
				binder.bind("spring.liquibase.liquibase-schema", String.class).orElse(null),
				binder.bind("spring.liquibase.default-schema", String.class).orElse(null),
				binder.bind("spring.liquibase.database-change-log-lock-table", String.class).orElse(null));
	}

}
