package dev.smalls.schema;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.jdbc.core.JdbcTemplate;

import dev.smalls.schema.SchemaSnapshot.Column;
import dev.smalls.schema.SchemaSnapshot.ForeignKey;
import dev.smalls.schema.SchemaSnapshot.Index;
import dev.smalls.schema.SchemaSnapshot.PrimaryKey;
import dev.smalls.schema.SchemaSnapshot.Table;
import dev.smalls.testsupport.TestDatabase;
import dev.smalls.testsupport.TestDatabase.FreshDatabase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * A table as the text smalls stores to compare the schema with later: read back equal on
 * every database, the same text for the same table, and a format that does not change
 * under a refactoring.
 */
class SchemaSnapshotEncodingTests {

	/** Every field kind: nulls, an empty type, escapes, a list, rules with spaces. */
	private static final Table PINNED = new Table("odd table",
			List.of(new Column("id", "int8", 19, 0, false, null, true),
					new Column("note, 100%", "", 2000000000, 0, true, "'a ~\"b\"'::text", false),
					new Column("price", "numeric", 10, 2, true, "0.00", false)),
			new PrimaryKey("odd_pkey", List.of("id")),
			List.of(new Index(null, true, List.of("note, 100%")), new Index("odd_idx", false, List.of("price", "id"))),
			List.of(new ForeignKey("fk_odd", List.of("id"), "others", List.of("id"), "NO ACTION", "SET NULL")));

	private static final String PINNED_TEXT = """
			smalls-table-v1 odd%20table
			column id int8 19 0 notnull ~ auto
			column note%2C%20100%25 "" 2000000000 0 nullable 'a%20%7E%22b%22'::text noauto
			column price numeric 10 2 nullable 0.00 noauto
			primarykey odd_pkey id
			index ~ unique note%2C%20100%25
			index odd_idx nonunique price,id
			foreignkey fk_odd id others id NO%20ACTION SET%20NULL
			""";

	@ParameterizedTest(name = "{0}")
	@EnumSource(TestDatabase.class)
	void everyTableReadsBackEqualFromItsText(TestDatabase database) {
		try (FreshDatabase db = database.createFreshDatabase()) {
			JdbcTemplate jdbc = new JdbcTemplate(db.dataSource());
			HandMadeSchema.create(jdbc);
			SchemaSnapshot snapshot = SchemaSnapshot.read(jdbc);

			List<Table> readBack = snapshot.tables().stream().map((table) -> Table.decode(table.encode())).toList();

			assertThat(readBack).containsExactlyElementsOf(snapshot.tables());
			assertThat(SchemaSnapshot.of(readBack).differencesFrom(snapshot)).isEmpty();
			assertThat(readBack).allSatisfy((table) -> assertThat(table.encode())
				.isEqualTo(snapshot.table(table.name()).encode()));
		}
	}

	@Test
	void theTextOfATableDoesNotChange() {
		assertThat(PINNED.encode()).isEqualTo(PINNED_TEXT);
		assertThat(Table.decode(PINNED_TEXT)).isEqualTo(PINNED);
	}

	@Test
	void aTableWithNothingButItsNameReadsBack() {
		Table empty = new Table("t", List.of(), null, List.of(), List.of());

		assertThat(empty.encode()).isEqualTo("smalls-table-v1 t\n");
		assertThat(Table.decode(empty.encode())).isEqualTo(empty);
	}

	@Test
	void textInAFormatOfALaterSmallsIsRefusedSayingSo() {
		assertThatIllegalArgumentException().isThrownBy(() -> Table.decode("smalls-table-v2 users\n"))
			.withMessageContaining("smalls-table-v2")
			.withMessageContaining("later smalls");
	}

	@Test
	void aLineSmallsCannotReadIsRefusedNamingTheTable() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> Table.decode("smalls-table-v1 users\ncolumn id int4 10\n"))
			.withMessage("Stored table users has a line smalls cannot read: 'column id int4 10'");
	}

}
