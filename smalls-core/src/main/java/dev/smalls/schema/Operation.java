package dev.smalls.schema;

import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.JdbcTemplate;

import dev.smalls.dialect.SchemaDdl;

/**
 * One operation a {@link SchemaMigration} recorded. It is applied when the migration runs and
 * unapplied (by its inverse) when it rolls back, and it can tell from a snapshot of the schema
 * whether it is applied, where that can be told.
 */
interface Operation {

	/**
	 * The operation as the migration wrote it, e.g. {@code addColumn users.reset_count INTEGER}.
	 * @return the description
	 */
	String description();

	/**
	 * What kind of work it does, which decides when that work commits.
	 * @return the kind
	 */
	Kind kind();

	/**
	 * Apply or unapply the operation.
	 * @param jdbc the migration's template
	 * @param ddl the database's DDL
	 * @param apply {@code true} to apply, {@code false} to run the inverse
	 */
	void perform(JdbcTemplate jdbc, SchemaDdl ddl, boolean apply);

	/**
	 * What {@link #perform} would run, without a database: statements, and SQL comments for
	 * what cannot be shown.
	 * @param ddl the database's DDL
	 * @param apply {@code true} to apply, {@code false} for the inverse
	 * @return statements and comments
	 */
	List<String> preview(SchemaDdl ddl, boolean apply);

	/**
	 * Whether the operation has a safe form on some database ({@link Schema#safely}): for
	 * saying so where the database it runs on has none.
	 * @return {@code true} if it may be rewritten
	 */
	default boolean rewritable() {
		return false;
	}

	/**
	 * Whether the operation is applied in a schema.
	 * @param snapshot the schema as it is
	 * @param ddl the database's DDL, to compare defaults as it writes them
	 * @return the verdict
	 */
	Effect effectIn(SchemaSnapshot snapshot, SchemaDdl ddl);

	static Effect applied(boolean applied) {
		return applied ? Effect.TOOK_EFFECT : Effect.NOT_IN_EFFECT;
	}

	/**
	 * The verdict when the schema may show the state after the operation or the one before:
	 * decided only if it shows exactly one of them.
	 * @param after whether the schema shows the state after ({@code null}: cannot tell)
	 * @param before whether it shows the state before
	 * @return the verdict
	 */
	static Effect decide(@Nullable Boolean after, @Nullable Boolean before) {
		if (Boolean.TRUE.equals(after) && Boolean.FALSE.equals(before)) {
			return Effect.TOOK_EFFECT;
		}
		if (Boolean.TRUE.equals(before) && Boolean.FALSE.equals(after)) {
			return Effect.NOT_IN_EFFECT;
		}
		return Effect.CANNOT_TELL;
	}

	/**
	 * A table of the snapshot; {@code null} if the name is schema-qualified, since a snapshot
	 * holds the connection's own schema only.
	 */
	static SchemaSnapshot.@Nullable Table table(SchemaSnapshot snapshot, String table) {
		return (table.indexOf('.') >= 0) ? null : snapshot.table(table);
	}

	/**
	 * What kind of work an operation does.
	 */
	enum Kind {

		/** DDL: it commits at once where the database's DDL is not transactional. */
		SCHEMA,

		/** Code that changes rows; it commits with the migration's transaction. */
		DATA,

		/** A statement of the author's: it may be DDL or not. */
		SQL,

		/** Nothing runs. */
		NONE

	}

}
