package dev.smalls.dialect;

import java.sql.Connection;
import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * Schema DDL for PostgreSQL: unquoted names fold to lower case; a type change casts the
 * existing values explicitly, so that conversions PostgreSQL does not make by itself (text to
 * integer) work as they do elsewhere.
 */
final class PostgresSchemaDdl extends SchemaDdl {

	@Override
	protected String fold(String name) {
		return name.toLowerCase(Locale.ROOT);
	}

	@Override
	public String type(DdlType type) {
		return switch (type.kind()) {
			case TEXT -> "TEXT";
			// As Hibernate maps @Lob String: a large object, read and written through JDBC's Clob.
			case CLOB -> "OID";
			case UUID -> "UUID";
			case DECIMAL -> "NUMERIC(" + type.size() + ", " + type.scale() + ")";
			default -> super.type(type);
		};
	}

	@Override
	public List<String> alterColumnType(String table, String column, DdlType type, @Nullable Connection live) {
		String sqlType = type(type);
		return List.of(alterColumn(table, column) + " TYPE " + sqlType + " USING " + identifier(column) + "::"
				+ sqlType);
	}

}
