package dev.smalls.dialect;

import java.sql.Connection;
import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * Schema DDL for HSQLDB: unquoted names fold to upper case, text is {@code LONGVARCHAR} (a
 * long {@code VARCHAR} that can be indexed), a column is renamed with
 * {@code ALTER COLUMN .. RENAME TO} and accepts {@code NULL} again with {@code SET NULL}.
 */
final class HsqldbSchemaDdl extends SchemaDdl {

	@Override
	protected String fold(String name) {
		return name.toUpperCase(Locale.ROOT);
	}

	@Override
	public String type(DdlType type) {
		return switch (type.kind()) {
			case TEXT -> "LONGVARCHAR";
			case UUID -> "UUID";
			default -> super.type(type);
		};
	}

	@Override
	public List<String> renameColumn(String table, String from, String to) {
		return List.of(alterColumn(table, from) + " RENAME TO " + identifier(to));
	}

	@Override
	public List<String> setNotNull(String table, String column, boolean notNull, @Nullable Connection live) {
		return List.of(alterColumn(table, column) + (notNull ? " SET NOT NULL" : " SET NULL"));
	}

	@Override
	public boolean isGeneratedName(String name) {
		// SYS_PK_10093, SYS_IDX_46, SYS_CT_10092, SYS_FK_10100
		return name.startsWith("SYS_");
	}

}
