package dev.smalls.commands;

import dev.smalls.MigrationNames;

/**
 * The source of a new migration, as {@code smalls create} writes it: a {@code SchemaMigration}
 * by default, whose commented examples compile as they are once uncommented, or with
 * {@code --sql} a {@code SmallsMigration} on a {@code JdbcTemplate}. The names put in it are
 * already safe: a package name, a class name and a snake-case name.
 */
final class MigrationTemplates {

	private MigrationTemplates() {
	}

	static String schema(String packageName, String className, String name, int sequence) {
		return """
				package %1$s;

				import org.springframework.stereotype.Component;

				import dev.smalls.schema.ColumnType;
				import dev.smalls.schema.Schema;
				import dev.smalls.schema.SchemaMigration;

				@Component
				public class %2$s implements SchemaMigration {

					@Override
					public int sequence() {
						return %4$d;
					}

					@Override
					public String name() {
						return "%3$s";
					}

					@Override
					public void change(Schema schema) {
						// Record the changes in order; smalls derives the rollback (their inverses, newest first)
						// and writes the DDL for the database it runs on. `smalls sql %5$s` shows it.
						//
						// schema.createTable("tags", (table) -> {
						//     table.id("id");
						//     table.column("name", ColumnType.varchar(512)).notNull().unique();
						// });
						// schema.dropTable("tags", (table) -> table.column("name", ColumnType.varchar(512)));  // the definition is for the rollback
						// schema.addColumn("users", "reset_count", ColumnType.INTEGER, (column) -> column.notNull().defaultValue(0));
						// schema.dropColumn("users", "reset_count", ColumnType.INTEGER);  // rollback adds it back, empty
						// schema.renameColumn("users", "name", "full_name");
						// schema.renameTable("users", "people");
						// schema.addIndex("users", "users_email_idx", "email");      // addUniqueIndex, dropIndex alike
						// schema.addForeignKey("orders", "fk_orders_user", "user_id", "users", "id");
						// schema.alterColumnType("users", "age", ColumnType.INTEGER, ColumnType.BIGINT);
						// schema.setNotNull("users", "email");                       // dropNotNull
						// schema.setDefault("users", "status", null, "active");      // from, to
						// schema.run((jdbc) -> jdbc.update("UPDATE ..."), (jdbc) -> jdbc.update("UPDATE ..."));
						// schema.sql("CREATE VIEW ...", "DROP VIEW ...");
						// schema.irreversible("why a rollback must not run");
						//
						// Types: INTEGER, BIGINT, SMALLINT, BOOLEAN, TEXT, DATE, TIMESTAMP, UUID, varchar(n),
						// decimal(p, s), ColumnType.of("JSONB").
					}

				}
				""".formatted(packageName, className, name, sequence, MigrationNames.display(sequence));
	}

	static String sql(String packageName, String className, String name, int sequence) {
		return """
				package %1$s;

				import org.springframework.jdbc.core.JdbcTemplate;
				import org.springframework.stereotype.Component;

				import dev.smalls.SmallsMigration;

				/**
				 * %3$s.
				 */
				@Component
				public class %2$s implements SmallsMigration {

					@Override
					public int sequence() {
						return %4$d;
					}

					@Override
					public String name() {
						return "%3$s";
					}

					@Override
					public void migrate(JdbcTemplate jdbc) {
						// jdbc.execute("...");
					}

					@Override
					public void rollback(JdbcTemplate jdbc) {
						// Undo migrate(), last change first.
					}

					/*
					 * Common changes, migrate and rollback side by side. The JdbcTemplate runs in this
					 * migration's transaction; on MariaDB, MySQL and H2 each DDL statement commits at once,
					 * so keep one DDL statement per migration there.
					 *
					 * Create a table  jdbc.execute("CREATE TABLE users (id BIGINT PRIMARY KEY, email VARCHAR(200) NOT NULL)");
					 *                 jdbc.execute("DROP TABLE users");
					 * Add a column    jdbc.execute("ALTER TABLE users ADD COLUMN reset_count INT DEFAULT 0 NOT NULL");
					 *                 jdbc.execute("ALTER TABLE users DROP COLUMN reset_count");
					 * Rename a column jdbc.execute("ALTER TABLE users RENAME COLUMN email TO email_address");
					 *                 jdbc.execute("ALTER TABLE users RENAME COLUMN email_address TO email");
					 * Drop a column   save what rollback needs first: a dropped column's data is gone
					 *                 jdbc.execute("ALTER TABLE users DROP COLUMN nickname");
					 *                 jdbc.execute("ALTER TABLE users ADD COLUMN nickname VARCHAR(100)");
					 * Add an index    jdbc.execute("CREATE INDEX users_email_idx ON users (email)");
					 *                 jdbc.execute("DROP INDEX users_email_idx");  (MariaDB/MySQL: DROP INDEX users_email_idx ON users)
					 * Update data     jdbc.update("UPDATE users SET reset_count = 0 WHERE reset_count IS NULL");
					 *                 jdbc.update("UPDATE users SET status = ? WHERE status = ?", "open", "new");
					 */

				}
				""".formatted(packageName, className, name, sequence);
	}

}
