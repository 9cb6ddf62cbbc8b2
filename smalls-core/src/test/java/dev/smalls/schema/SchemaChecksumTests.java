package dev.smalls.schema;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A schema migration's checksum is a digest of what its operations mean. The digests below
 * are pinned: a smalls release never changes them, or every database that applied these
 * migrations would report them as edited. If this test fails, the checksum's form changed:
 * put it back.
 */
class SchemaChecksumTests {

	@Test
	void theDigestsOfEveryKindOfOperationArePinned() {
		assertThat(checksum((schema) -> schema.createTable("users", (table) -> {
			table.id("id");
			table.column("email", ColumnType.varchar(200)).notNull().unique();
			table.column("credit", ColumnType.decimal(10, 2)).defaultValue(new BigDecimal("0.00"));
			table.column("born", ColumnType.DATE).defaultValue(LocalDate.of(2000, 1, 31));
			table.column("active", ColumnType.BOOLEAN).defaultValue(true);
		}))).isEqualTo(PINNED_CREATE);
		assertThat(checksum((schema) -> {
			schema.addColumn("users", "nick", ColumnType.of("CITEXT"), (column) -> column.defaultValue("none"));
			schema.dropColumn("users", "legacy", ColumnType.INTEGER);
			schema.renameColumn("users", "nick", "nickname");
			schema.renameTable("users", "members");
			schema.addIndex("members", "idx_members_nickname", "nickname");
			schema.addUniqueIndex("members", "uq_members_email", "email");
			schema.dropIndex("members", "idx_old", "born");
			schema.addForeignKey("members", "fk_members_team", "team_id", "teams", "id");
			schema.alterColumnType("members", "credit", ColumnType.decimal(10, 2), ColumnType.decimal(12, 2));
			schema.setNotNull("members", "born");
			schema.dropNotNull("members", "email");
			schema.setDefault("members", "active", true, new SqlExpression("CURRENT_TIMESTAMP"));
			schema.sql("UPDATE members SET active = TRUE", "");
			schema.run((jdbc) -> {
			}, (jdbc) -> {
			});
			schema.irreversible("the old nicknames are gone");
		})).isEqualTo(PINNED_ALTER);
	}

	@Test
	void whatTheOperationsMeanDecidesTheDigestAndNothingElse() {
		Consumer<Schema> users = (schema) -> schema.createTable("users",
				(table) -> table.column("email", ColumnType.varchar(50)));
		// Recorded again (another instance of the migration, another lambda): the same.
		assertThat(checksum(users)).isEqualTo(checksum((schema) -> schema.createTable("users",
				(table) -> table.column("email", ColumnType.varchar(50)))));
		// Any change of meaning: another digest.
		assertThat(checksum(users)).isNotEqualTo(checksum((schema) -> schema.createTable("users",
				(table) -> table.column("email", ColumnType.varchar(51)))))
			.isNotEqualTo(checksum((schema) -> schema.createTable("users",
					(table) -> table.column("email", ColumnType.varchar(50)).notNull())))
			.isNotEqualTo(checksum((schema) -> schema.createTable("users",
					(table) -> table.column("email", ColumnType.varchar(50)).defaultValue(""))))
			.isNotEqualTo(checksum((schema) -> schema.createTable("members",
					(table) -> table.column("email", ColumnType.varchar(50)))))
			.isNotEqualTo(checksum((schema) -> schema.createTable("users",
					(table) -> table.column("mail", ColumnType.varchar(50)))));
		// Values that would read alike if joined: told apart.
		assertThat(checksum((schema) -> schema.sql("a", "bc"))).isNotEqualTo(checksum((schema) -> schema.sql("ab", "c")));
		assertThat(checksum((schema) -> schema.setDefault("t", "c", null, "1")))
			.isNotEqualTo(checksum((schema) -> schema.setDefault("t", "c", null, 1)));
	}

	private static String checksum(Consumer<Schema> change) {
		return SchemaPlan.of(new TestSchemaMigration(1, "pinned", change)).checksum();
	}

	private static final String PINNED_CREATE = "43c89d9803e15281a7262e4a6f1df3a5a4bb650b81379abcf78035ec2d73f892";

	private static final String PINNED_ALTER = "b3a5a04944af92ea156321be5372f3e62d3140305562c2a64d29c548629d5614";

}
