package dev.smalls.autoconfigure;

import java.util.List;

import org.jspecify.annotations.Nullable;

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
 * plain properties, so that neither tool needs to be on the class path.
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
		String table = binder.bind("spring.flyway.table", String.class).orElse(FlywayAdoption.DEFAULT_TABLE);
		String schema = binder.bind("spring.flyway.default-schema", String.class).orElse(null);
		if (schema == null) {
			List<String> schemas = binder.bind("spring.flyway.schemas", Bindable.listOf(String.class)).orElse(List.of());
			schema = schemas.isEmpty() ? null : schemas.get(0);
		}
		return FlywayAdoption.defaults().withTable(table, blankToNull(schema));
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
		String table = binder.bind("spring.liquibase.database-change-log-table", String.class)
			.orElse(LiquibaseAdoption.DEFAULT_TABLE);
		String schema = binder.bind("spring.liquibase.liquibase-schema", String.class)
			.orElseGet(() -> binder.bind("spring.liquibase.default-schema", String.class).orElse(null));
		String lockTable = binder.bind("spring.liquibase.database-change-log-lock-table", String.class)
			.orElse(LiquibaseAdoption.DEFAULT_LOCK_TABLE);
		return new LiquibaseAdoption(table, blankToNull(schema), LiquibaseAdoption.DEFAULT_SEQUENCE)
			.withLockTable(lockTable);
	}

	private static @Nullable String blankToNull(@Nullable String text) {
		return (text == null || text.isBlank()) ? null : text;
	}

}
