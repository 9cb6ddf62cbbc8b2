package dev.smalls.dialect;

import org.jspecify.annotations.Nullable;

/**
 * A column as {@link SchemaDdl} renders it. The name is a validated identifier; the default
 * is SQL already rendered for the database (a literal from {@link SchemaDdl#literal(Object)},
 * or an expression).
 *
 * @param name the column's name
 * @param type its type
 * @param notNull whether it refuses {@code NULL}
 * @param primaryKey whether it is (part of) the table's primary key
 * @param unique whether it has a unique constraint of its own
 * @param defaultSql its default as SQL, or {@code null} for none
 * @param identity whether the database numbers it itself (a generated 64-bit key)
 */
public record DdlColumn(String name, DdlType type, boolean notNull, boolean primaryKey, boolean unique,
		@Nullable String defaultSql, boolean identity) {

}
