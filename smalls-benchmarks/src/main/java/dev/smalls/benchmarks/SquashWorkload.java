package dev.smalls.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import dev.smalls.SmallsMigration;
import dev.smalls.schema.ColumnType;
import dev.smalls.schema.Schema;
import dev.smalls.schema.SchemaMigration;

/**
 * Schema migrations as a project's history piles them up, in groups of twenty per pair of
 * tables: tables created, columns added, renamed, retyped, given defaults and dropped, indexes
 * added and dropped, unique indexes, foreign keys, a table renamed and one dropped. Any count:
 * a group is cut where the count ends. The same workload as smalls-core's tests' (whose
 * SquashTests check the squash against a replay of it), copied: this jar is built without the
 * test jars.
 */
final class SquashWorkload {

	private SquashWorkload() {
	}

	/**
	 * Migrations {@code from..to}, as the workload numbers them.
	 * @param from the first sequence, 1 or more
	 * @param to the last sequence
	 * @return the migrations
	 */
	static List<SmallsMigration> migrations(int from, int to) {
		List<SmallsMigration> migrations = new ArrayList<>();
		for (int sequence = from; sequence <= to; sequence++) {
			migrations.add(migration(sequence));
		}
		return migrations;
	}

	/**
	 * The workload's migration of a sequence.
	 * @param sequence the sequence
	 * @return the migration
	 */
	static SmallsMigration migration(int sequence) {
		int group = (sequence - 1) / 20;
		int step = (sequence - 1) % 20;
		String a = "a_" + group;
		String b = "b_" + group;
		String c = "c_" + group;
		String tmp = "tmp_" + group;
		return switch (step) {
			case 0 -> of(sequence, "create_" + a, (s) -> s.createTable(a, (t) -> {
				t.id("id");
				t.column("name", ColumnType.varchar(50)).notNull();
				t.column("amount", ColumnType.INTEGER).defaultValue(0);
				t.column("code", ColumnType.varchar(20)).unique();
			}));
			case 1 -> of(sequence, "create_" + b, (s) -> s.createTable(b, (t) -> {
				t.id("id");
				t.column("label", ColumnType.varchar(80));
				t.column("flag", ColumnType.BOOLEAN).notNull().defaultValue(false);
			}));
			case 2 -> of(sequence, "add_note_and_price_to_" + a, (s) -> {
				s.addColumn(a, "note", ColumnType.TEXT);
				s.addColumn(a, "price", ColumnType.decimal(10, 2));
			});
			case 3 -> of(sequence, "index_" + a + "_name", (s) -> s.addIndex(a, "idx_" + a + "_name", "name"));
			case 4 -> of(sequence, "link_" + b + "_to_" + a, (s) -> {
				s.addColumn(b, "a_id", ColumnType.BIGINT);
				s.addForeignKey(b, "fk_" + b + "_a", "a_id", a, "id");
			});
			case 5 -> of(sequence, "rename_" + a + "_note", (s) -> s.renameColumn(a, "note", "remark"));
			case 6 -> of(sequence, "unique_" + b + "_label", (s) -> s.addUniqueIndex(b, "uq_" + b + "_label", "label"));
			case 7 -> of(sequence, "create_" + tmp, (s) -> s.createTable(tmp, (t) -> {
				t.id("id");
				t.column("x", ColumnType.INTEGER);
			}));
			case 8 -> of(sequence, "drop_" + tmp + "_and_" + a + "_amount", (s) -> {
				s.dropTable(tmp, (t) -> {
					t.id("id");
					t.column("x", ColumnType.INTEGER);
				});
				s.dropColumn(a, "amount", ColumnType.INTEGER, (column) -> column.defaultValue(0));
			});
			case 9 -> of(sequence, "rename_" + b + "_to_" + c, (s) -> {
				s.renameTable(b, c);
				s.addColumn(c, "created", ColumnType.TIMESTAMP);
				s.addColumn(a, "born", ColumnType.DATE);
				s.addIndex(c, "idx_" + c + "_created", "created");
			});
			case 10 -> of(sequence, "add_status_to_" + a, (s) -> s.addColumn(a, "status", ColumnType.varchar(10),
					(column) -> column.notNull().defaultValue("new")));
			case 11 -> of(sequence, "widen_" + a + "_price", (s) -> s.alterColumnType(a, "price",
					ColumnType.decimal(10, 2), ColumnType.decimal(12, 2)));
			case 12 -> of(sequence, "add_qty_to_" + c, (s) -> s.addColumn(c, "qty", ColumnType.INTEGER));
			case 13 -> of(sequence, "default_" + c + "_qty", (s) -> s.setDefault(c, "qty", null, 1));
			case 14 -> of(sequence, "index_" + c + "_qty", (s) -> s.addIndex(c, "idx_" + c + "_qty", "qty"));
			case 15 -> of(sequence, "unindex_" + c + "_qty", (s) -> s.dropIndex(c, "idx_" + c + "_qty", "qty"));
			case 16 -> of(sequence, "add_rank_to_" + a, (s) -> s.addColumn(a, "rank", ColumnType.SMALLINT));
			case 17 -> of(sequence, "rename_" + a + "_rank", (s) -> s.renameColumn(a, "rank", "position"));
			case 18 -> of(sequence, "relax_" + c + "_flag", (s) -> s.dropNotNull(c, "flag"));
			default -> of(sequence, "add_total_to_" + c, (s) -> s.addColumn(c, "total", ColumnType.BIGINT));
		};
	}

	private static SmallsMigration of(int sequence, String name, Consumer<Schema> change) {
		return new Migration(sequence, name, change);
	}

	private record Migration(int sequence, String name, Consumer<Schema> operations) implements SchemaMigration {

		@Override
		public void change(Schema schema) {
			this.operations.accept(schema);
		}

	}

}
