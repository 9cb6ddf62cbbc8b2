package dev.smalls.dialect;

import java.util.List;

/**
 * An index created with its table, as {@link SchemaDdl} renders it; every name is a validated
 * identifier.
 *
 * @param name the index's name
 * @param unique whether it is unique
 * @param columns its columns, in order
 */
public record DdlIndex(String name, boolean unique, List<String> columns) {

	public DdlIndex {
		columns = List.copyOf(columns);
	}

}
