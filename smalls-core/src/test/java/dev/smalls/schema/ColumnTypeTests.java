package dev.smalls.schema;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.jdbc.core.JdbcTemplate;

import dev.smalls.dialect.SmallsDialect;
import dev.smalls.dialect.SmallsDialects;
import dev.smalls.testsupport.TestDatabase;
import dev.smalls.testsupport.TestDatabase.FreshDatabase;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A column type as each database writes it, and read back from a snapshot as
 * {@code smalls generate} reads the {@code from} of a type change or a dropped column's type:
 * written again, it makes the same column.
 */
class ColumnTypeTests {

	private static final List<ColumnType> PORTABLE = List.of(ColumnType.INTEGER, ColumnType.BIGINT,
			ColumnType.SMALLINT, ColumnType.BOOLEAN, ColumnType.TEXT, ColumnType.CLOB, ColumnType.DATE,
			ColumnType.TIMESTAMP, ColumnType.UUID, ColumnType.varchar(120), ColumnType.decimal(10, 2));

	/** Types only some databases know, as Hibernate writes them there. */
	private static final Map<TestDatabase, List<String>> VENDOR = Map.of(
			TestDatabase.H2, List.of("TINYINT", "CHARACTER(36)", "DOUBLE PRECISION", "TIMESTAMP(3)",
					"TIMESTAMP(6) WITH TIME ZONE", "BINARY VARYING(255)", "CLOB", "REAL", "TIME"),
			TestDatabase.POSTGRESQL, List.of("float8", "float4", "bytea", "char(36)", "timestamp(3)", "timestamptz",
					"oid", "time"),
			TestDatabase.MARIADB, List.of("TINYINT", "BIT", "UUID", "MEDIUMTEXT", "LONGTEXT", "DOUBLE", "DATETIME",
					"DATETIME(3)", "VARBINARY(255)", "CHAR(5)", "TIME"));

	static Stream<Arguments> databases() {
		return Stream.of(TestDatabase.H2, TestDatabase.POSTGRESQL, TestDatabase.MARIADB).map(Arguments::of);
	}

	@Test
	void sqlIsTheTypeAsTheDatabaseWritesIt() {
		assertThat(ColumnType.TEXT.sql(new dev.smalls.dialect.H2Dialect())).isEqualTo("CHARACTER VARYING");
		assertThat(ColumnType.TIMESTAMP.sql(new dev.smalls.dialect.MySqlDialect("MariaDB"))).isEqualTo("DATETIME(6)");
		assertThat(ColumnType.decimal(10, 2).sql(new dev.smalls.dialect.PostgresDialect())).isEqualTo("NUMERIC(10, 2)");
		assertThat(ColumnType.CLOB.sql(new dev.smalls.dialect.PostgresDialect())).isEqualTo("OID");
		assertThat(ColumnType.CLOB.sql(new dev.smalls.dialect.MySqlDialect("MariaDB"))).isEqualTo("LONGTEXT");
		assertThat(ColumnType.CLOB.sql(new dev.smalls.dialect.H2Dialect())).isEqualTo("CLOB");
		assertThat(ColumnType.of("jsonb").sql(new dev.smalls.dialect.PostgresDialect())).isEqualTo("jsonb");
	}

	@ParameterizedTest(name = "{0}")
	@EnumSource(names = { "H2", "POSTGRESQL", "MARIADB", "HSQLDB" })
	void aPortableTypeReadsBackAsItself(TestDatabase database) {
		try (FreshDatabase db = database.createFreshDatabase()) {
			SchemaSnapshot.Table table = create(db, PORTABLE);
			SmallsDialect dialect = dialect(db);
			for (int i = 0; i < PORTABLE.size(); i++) {
				assertThat(ColumnType.of(table.column("c" + i), dialect)).as(table.column("c" + i).toString())
					.isEqualTo(PORTABLE.get(i));
			}
		}
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("databases")
	void aVendorTypeReadBackMakesTheSameColumnAgain(TestDatabase database) {
		try (FreshDatabase db = database.createFreshDatabase()) {
			List<ColumnType> written = VENDOR.get(database).stream().map(ColumnType::of).toList();
			SchemaSnapshot.Table first = create(db, written);
			SmallsDialect dialect = dialect(db);
			List<ColumnType> readBack = new ArrayList<>();
			first.columns().stream().skip(1).forEach((column) -> readBack.add(ColumnType.of(column, dialect)));
			new JdbcTemplate(db.dataSource()).execute("DROP TABLE probe");

			SchemaSnapshot.Table second = create(db, readBack);

			assertThat(second.columns()).as(readBack.toString()).containsExactlyElementsOf(first.columns());
		}
	}

	private static SchemaSnapshot.Table create(FreshDatabase db, List<ColumnType> types) {
		SchemaMigration migration = new TestSchemaMigration(1, "probe", (schema) -> schema.createTable("probe",
				(table) -> {
					table.id("id");
					for (int i = 0; i < types.size(); i++) {
						table.column("c" + i, types.get(i));
					}
				}));
		JdbcTemplate jdbc = new JdbcTemplate(db.dataSource());
		migration.migrate(jdbc);
		return SchemaSnapshot.read(jdbc).table("probe");
	}

	private static SmallsDialect dialect(FreshDatabase db) {
		try (Connection connection = db.dataSource().getConnection()) {
			return SmallsDialects.detect(connection);
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
