/**
 * Schema operations with their rollback derived: a {@link dev.smalls.schema.SchemaMigration}
 * records its changes on a {@link dev.smalls.schema.Schema}, smalls writes them as DDL for the
 * database it runs on, rolls them back by their inverses in reverse order, and undoes a
 * migration that fails half-way where the database cannot roll DDL back.
 * {@link dev.smalls.schema.SchemaSnapshot} reads a schema back from JDBC metadata.
 */
@NullMarked
package dev.smalls.schema;

import org.jspecify.annotations.NullMarked;
