package dev.smalls.generate;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.jdbc.core.JdbcTemplate;

import dev.smalls.generate.model.checks.v1.CardPayment;
import dev.smalls.generate.model.checks.v1.Payment;
import dev.smalls.generate.model.checks.v2.WirePayment;
import dev.smalls.testsupport.TestDatabase;
import dev.smalls.testsupport.TestDatabase.FreshDatabase;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hibernate's own check constraints (a single-table hierarchy's discriminator, an enum's values
 * on PostgreSQL) compared with the database's and generated, and {@code @Lob String} written
 * portably, on each database.
 */
class MigrationGeneratorChecksTests {

	@TempDir
	Path directory;

	@ParameterizedTest(name = "{0}")
	@EnumSource(names = { "H2", "POSTGRESQL", "MARIADB" })
	void aSchemaHibernateCreatedMatchesItsModelChecksAndLobIncluded(TestDatabase database) {
		try (FreshDatabase db = database.createFreshDatabase()) {
			TestModels.create(db.dataSource(), Payment.class, CardPayment.class);

			GenerateResult result = new Evolution(db, this.directory).check(GenerateOptions.defaults(), Payment.class,
					CardPayment.class);

			assertThat(result.upToDate()).as(result.toString()).isTrue();
			assertThat(result.notes()).isEmpty();
		}
	}

	@ParameterizedTest(name = "{0}")
	@EnumSource(names = { "H2", "POSTGRESQL", "MARIADB" })
	void aNewSubclassReplacesTheDiscriminatorCheckSoThatItsRowsCanBeInserted(TestDatabase database)
			throws Exception {
		try (FreshDatabase db = database.createFreshDatabase()) {
			TestModels.create(db.dataSource(), Payment.class, CardPayment.class);
			JdbcTemplate jdbc = new JdbcTemplate(db.dataSource());
			jdbc.execute("INSERT INTO payment (id, dtype, status) VALUES (1, 'CardPayment', 'PAID')");
			Evolution evolution = new Evolution(db, this.directory);

			evolution.step("add wire payments", GenerateOptions.defaults(),
					dev.smalls.generate.model.checks.v2.Payment.class,
					dev.smalls.generate.model.checks.v2.CardPayment.class, WirePayment.class)
				.contains("addColumn payment.iban VARCHAR(255)");

			jdbc.execute("INSERT INTO payment (id, dtype, iban) VALUES (2, 'WirePayment', 'DE00')");
			assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM payment", Integer.class)).isEqualTo(2);
			String source = Files.readString(this.directory.resolve("src/M0001AddWirePayments.java"));
			assertThat(source).contains("'WirePayment'").containsPattern("// The check \\w+ on payment.dtype allows \\[Payment, CardPayment\\] in "
					+ "the database and \\[Payment, CardPayment, WirePayment\\] in the model");
		}
	}

	@ParameterizedTest(name = "{0}")
	@EnumSource(names = { "POSTGRESQL" })
	void aNewEnumValueReplacesTheEnumsCheckOnPostgresql(TestDatabase database) {
		try (FreshDatabase db = database.createFreshDatabase()) {
			TestModels.create(db.dataSource(), Payment.class, CardPayment.class);

			GenerateResult result = new Evolution(db, this.directory).check(GenerateOptions.defaults(),
					dev.smalls.generate.model.checks.v2.Payment.class,
					dev.smalls.generate.model.checks.v2.CardPayment.class, WirePayment.class);

			assertThat(result.upToDate()).isFalse();
			assertThat(result.notes()).anyMatch((note) -> note.startsWith("The check payment_status_check on "
					+ "payment.status allows [OPEN, PAID] in the database and [OPEN, PAID, REFUNDED] in the model"));
		}
	}

	@ParameterizedTest(name = "{0}")
	@EnumSource(names = { "H2", "POSTGRESQL", "MARIADB" })
	void aNewTableGetsHibernatesChecksAndALobAsAPortableClob(TestDatabase database) throws Exception {
		try (FreshDatabase db = database.createFreshDatabase()) {
			Evolution evolution = new Evolution(db, this.directory);

			evolution.step("create payments", GenerateOptions.defaults(), Payment.class, CardPayment.class);

			String source = Files.readString(this.directory.resolve("src/M0001CreatePayments.java"));
			assertThat(source).contains("table.column(\"memo\", ColumnType.CLOB);")
				.contains("schema.sql(\"ALTER TABLE payment ADD CONSTRAINT payment_dtype_check CHECK (dtype in "
						+ "('Payment','CardPayment'))\", \"ALTER TABLE payment DROP CONSTRAINT payment_dtype_check\");");
		}
	}

}
