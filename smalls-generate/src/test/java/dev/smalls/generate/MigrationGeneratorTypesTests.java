package dev.smalls.generate;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.smalls.generate.model.cases.Gadget;
import dev.smalls.testsupport.TestDatabase;
import dev.smalls.testsupport.TestDatabase.FreshDatabase;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every type applications commonly map, on each database: portable where smalls writes what
 * Hibernate asks for, Hibernate's own SQL with a comment where it does not, and either way a
 * migration Hibernate validates and smalls rolls back exactly.
 */
class MigrationGeneratorTypesTests {

	@TempDir
	Path directory;

	@ParameterizedTest(name = "{0}")
	@EnumSource(names = { "H2", "POSTGRESQL", "MARIADB" })
	void everyCommonTypeIsWrittenSoThatHibernateValidatesItAndItRollsBackExactly(TestDatabase database)
			throws Exception {
		try (FreshDatabase db = database.createFreshDatabase()) {
			Evolution evolution = new Evolution(db, this.directory);

			// PostgreSQL: the table, and the check Hibernate writes for the enum's values.
			evolution.step("create gadgets", GenerateOptions.defaults(), Gadget.class)
				.hasSize((database == TestDatabase.POSTGRESQL) ? 2 : 1);

			String source = Files.readString(this.directory.resolve("src/M0001CreateGadgets.java"));
			assertThat(source).contains("table.column(\"count\", ColumnType.INTEGER).notNull();")
				.contains("table.column(\"label\", ColumnType.varchar(80));")
				.contains("table.column(\"price\", ColumnType.decimal(12, 3));")
				.contains("table.column(\"made_on\", ColumnType.DATE);")
				.contains("table.column(\"body\", ColumnType.CLOB);")
				.contains("table.column(\"seen_at\", ColumnType.TIMESTAMP);")
				.contains("table.column(\"active\", ColumnType.BOOLEAN).notNull();")
				.contains("table.column(\"state\", ColumnType.varchar(20)).notNull().defaultValue(\"new\");")
				.contains("table.column(\"factor\", ColumnType.decimal(5, 2)).defaultValue(new BigDecimal(\"1.5\"));")
				.contains("// From columnDefinition, written as given.")
				.contains("table.column(\"coded\", ColumnType.of(\"varchar(33) default 'x'\"));")
				.containsPattern("// Hibernate writes \\S+.* on " + database.displayName() + " and no portable "
						+ "ColumnType does");
		}
	}

}
