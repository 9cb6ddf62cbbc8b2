package dev.smalls.schema;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.JdbcTemplate;

import dev.smalls.SmallsMigration;
import dev.smalls.dialect.SmallsDialects;

/**
 * A migration written as schema operations rather than SQL: implement {@link #sequence()}
 * and {@link #change(Schema)}, and smalls writes the DDL for the database it runs on, derives
 * the rollback (the inverses, in reverse order), and undoes a migration that fails half-way
 * where the database commits DDL at once.
 * <pre class="code">
 * &#64;Component
 * public class M0004CreateTags implements SchemaMigration {
 *
 *     public int sequence() { return 4; }
 *
 *     public void change(Schema schema) {
 *         schema.createTable("tags", (table) -&gt; {
 *             table.id("id");
 *             table.column("name", ColumnType.varchar(512)).notNull().unique();
 *         });
 *         schema.addColumn("todos", "tag_id", ColumnType.BIGINT);
 *         schema.addForeignKey("todos", "fk_todos_tag", "tag_id", "tags", "id");
 *     }
 * }
 * </pre>
 * {@code change} only records: it may run several times (to migrate, to roll back, to show
 * the SQL), so it must record the same operations each time and do nothing else. To roll back
 * by hand instead, override {@link #rollback(JdbcTemplate)}.
 */
public interface SchemaMigration extends SmallsMigration {

	/**
	 * Record the migration's operations, in order.
	 * @param schema where to record them
	 */
	void change(Schema schema);

	/**
	 * Apply the operations in order, as DDL for the database the migration runs on.
	 * @param jdbc a template bound to this migration's transaction
	 * @throws SchemaOperationException if an operation failed; where the database commits DDL
	 * at once, the operations before it have been undone
	 */
	@Override
	default void migrate(JdbcTemplate jdbc) {
		SchemaPlan plan = SchemaPlan.of(this);
		plan.run(jdbc, SmallsDialects.current(jdbc), 0, plan.size());
	}

	/**
	 * Run the inverses of the operations in reverse order, after refusing, before anything
	 * runs, a migration that called {@link Schema#irreversible(String)}.
	 * @param jdbc a template bound to this rollback's transaction
	 * @throws SchemaOperationException if an inverse failed; where the database commits DDL
	 * at once, the inverses before it have been applied again
	 */
	@Override
	default void rollback(JdbcTemplate jdbc) {
		SchemaPlan plan = SchemaPlan.of(this);
		plan.requireReversible();
		plan.run(jdbc, SmallsDialects.current(jdbc), plan.size(), 0);
	}

	/**
	 * Why this migration cannot be rolled back, for the migrator to refuse a rollback across
	 * it before anything runs: the reason given to {@link Schema#irreversible(String)}, or
	 * {@code null} if it can be, including when {@link #rollback(JdbcTemplate)} is written by
	 * hand.
	 * @return the reason, or {@code null}
	 */
	default @Nullable String irreversibleReason() {
		return SchemaPlan.overridesRollback(this) ? null : SchemaPlan.of(this).irreversibleReason();
	}

}
