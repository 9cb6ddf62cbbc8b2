package dev.smalls.dialect;

/**
 * A single-column foreign key as {@link SchemaDdl} renders it; every name is a validated
 * identifier.
 *
 * @param name the constraint's name
 * @param column the referencing column
 * @param referencedTable the referenced table
 * @param referencedColumn the referenced column
 */
public record DdlForeignKey(String name, String column, String referencedTable, String referencedColumn) {

}
