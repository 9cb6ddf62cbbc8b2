/**
 * {@code smalls generate}: compares the JPA model Hibernate maps with the live database and
 * writes the next {@link dev.smalls.schema.SchemaMigration} that brings the database to the
 * model. {@link dev.smalls.generate.MigrationGenerator} is the API;
 * {@link dev.smalls.generate.GenerateCommand} is a thin layer over it. Everything here needs
 * Hibernate on the classpath.
 */
@NullMarked
package dev.smalls.generate;

import org.jspecify.annotations.NullMarked;
