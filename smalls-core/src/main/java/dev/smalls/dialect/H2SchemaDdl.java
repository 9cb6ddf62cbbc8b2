package dev.smalls.dialect;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Schema DDL for H2: unquoted names fold to upper case, text is {@code CHARACTER VARYING}
 * (which, unlike H2's {@code CLOB}, can be compared and indexed), and a column is renamed
 * with {@code ALTER COLUMN .. RENAME TO}.
 */
final class H2SchemaDdl extends SchemaDdl {

	/**
	 * Names H2 gives constraints and indexes nobody named: {@code CONSTRAINT_8C},
	 * {@code PRIMARY_KEY_8}, {@code CONSTRAINT_INDEX_8} ({@code CONSTRAINT_1EF6DF_0} where the
	 * hash was taken), and {@code FK_X_INDEX_3} for the index
	 * of foreign key {@code FK_X}.
	 */
	private static final Pattern GENERATED = Pattern
		.compile("(CONSTRAINT|PRIMARY_KEY|CONSTRAINT_INDEX)_[0-9A-F]+(_[0-9]+)?|.+_INDEX_[0-9A-F]+");

	@Override
	protected String fold(String name) {
		return name.toUpperCase(Locale.ROOT);
	}

	@Override
	public String type(DdlType type) {
		return switch (type.kind()) {
			case TEXT -> "CHARACTER VARYING";
			case UUID -> "UUID";
			default -> super.type(type);
		};
	}

	@Override
	public List<String> renameColumn(String table, String from, String to) {
		return List.of(alterColumn(table, from) + " RENAME TO " + identifier(to));
	}

	@Override
	public boolean isGeneratedName(String name) {
		return GENERATED.matcher(name).matches();
	}

}
