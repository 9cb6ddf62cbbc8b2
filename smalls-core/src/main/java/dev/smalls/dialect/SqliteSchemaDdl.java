package dev.smalls.dialect;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Schema DDL for SQLite. {@code ALTER TABLE} here adds, renames and drops columns and renames
 * tables, nothing more; every other change (a column's type, nullability or default, a
 * foreign key, a column with a key or a default {@code ADD COLUMN} refuses, dropping a column
 * with its indexes and constraints) rebuilds the table as SQLite's documentation recommends
 * ({@link SqliteTableRebuild}). SQLite's DDL is transactional, so a rebuild that fails half-way
 * leaves nothing.
 */
final class SqliteSchemaDdl extends SchemaDdl {

	@Override
	public String type(DdlType type) {
		return (type.kind() == DdlType.Kind.TEXT || type.kind() == DdlType.Kind.CLOB) ? "TEXT" : super.type(type);
	}

	@Override
	protected String identityType() {
		// With the table's PRIMARY KEY, a column declared exactly INTEGER is the rowid: SQLite numbers it.
		return "INTEGER";
	}

	@Override
	public String literal(Object value) {
		if (value instanceof LocalDate date) {
			return stringLiteral(date.toString());
		}
		if (value instanceof LocalDateTime time) {
			return stringLiteral(timestamp(time));
		}
		return super.literal(value);
	}

	@Override
	public List<String> addColumn(String table, DdlColumn column, @Nullable Connection live) throws SQLException {
		if (!needsRebuild(column)) {
			return super.addColumn(table, column, live);
		}
		if (live == null) {
			return SqliteTableRebuild.preview(table, "column " + column.name() + " added");
		}
		SqliteTableRebuild rebuild = SqliteTableReader.read(live, table);
		rebuild.addColumn(column.name(), type(column.type()), column.notNull(), column.defaultSql(),
				column.primaryKey(), column.unique());
		return rebuild.statements();
	}

	/**
	 * {@code ADD COLUMN} takes no key, no {@code NOT NULL} without a default, and no default
	 * that is not a constant.
	 */
	private static boolean needsRebuild(DdlColumn column) {
		String defaultSql = column.defaultSql();
		boolean constant = defaultSql == null || !(defaultSql.startsWith("(")
				|| defaultSql.toUpperCase(Locale.ROOT).startsWith("CURRENT_"));
		return column.primaryKey() || column.unique() || (column.notNull() && defaultSql == null) || !constant;
	}

	@Override
	public List<String> dropColumn(String table, String column, @Nullable Connection live) throws SQLException {
		// ALTER TABLE .. DROP COLUMN refuses a column with an index or a constraint; a rebuild
		// drops those with it, as the other databases do.
		if (live == null) {
			return SqliteTableRebuild.preview(table, "column " + column + " dropped with its indexes and constraints");
		}
		SqliteTableRebuild rebuild = SqliteTableReader.read(live, table);
		rebuild.dropColumn(column);
		return rebuild.statements();
	}

	@Override
	public List<String> addForeignKey(String table, DdlForeignKey foreignKey, boolean ownIndex,
			@Nullable Connection live) throws SQLException {
		if (live == null) {
			return SqliteTableRebuild.preview(table, foreignKeyClause(foreignKey) + " added");
		}
		SqliteTableRebuild rebuild = SqliteTableReader.read(live, table);
		rebuild.addForeignKey(foreignKey);
		return rebuild.statements();
	}

	@Override
	public List<String> dropForeignKey(String table, DdlForeignKey foreignKey, boolean ownIndex,
			@Nullable Connection live) throws SQLException {
		if (live == null) {
			return SqliteTableRebuild.preview(table, "foreign key " + foreignKey.name() + " dropped");
		}
		SqliteTableRebuild rebuild = SqliteTableReader.read(live, table);
		rebuild.dropForeignKey(foreignKey);
		return rebuild.statements();
	}

	@Override
	public List<String> alterColumnType(String table, String column, DdlType type, @Nullable Connection live)
			throws SQLException {
		String sqlType = type(type);
		if (live == null) {
			return SqliteTableRebuild.preview(table, "column " + column + " as " + sqlType);
		}
		SqliteTableRebuild rebuild = SqliteTableReader.read(live, table);
		rebuild.changeColumn(column, (current) -> current.withType(sqlType));
		return rebuild.statements();
	}

	@Override
	public List<String> setNotNull(String table, String column, boolean notNull, @Nullable Connection live)
			throws SQLException {
		if (live == null) {
			return SqliteTableRebuild.preview(table, "column " + column + (notNull ? " NOT NULL" : " accepting NULL"));
		}
		SqliteTableRebuild rebuild = SqliteTableReader.read(live, table);
		rebuild.changeColumn(column, (current) -> current.withNotNull(notNull));
		return rebuild.statements();
	}

	@Override
	public List<String> setDefault(String table, String column, @Nullable String defaultSql, @Nullable Connection live)
			throws SQLException {
		if (live == null) {
			return SqliteTableRebuild.preview(table,
					"column " + column + ((defaultSql != null) ? " DEFAULT " + defaultSql : " without a default"));
		}
		SqliteTableRebuild rebuild = SqliteTableReader.read(live, table);
		rebuild.changeColumn(column, (current) -> current.withDefault(defaultSql));
		return rebuild.statements();
	}

	@Override
	public boolean isGeneratedName(String name) {
		return name.startsWith("sqlite_autoindex_");
	}

	/** The SQLite driver pairs key names with the wrong keys: read them from the table's SQL. */
	@Override
	public Map<List<String>, String> foreignKeyNames(Connection connection, String table) throws SQLException {
		try (PreparedStatement query = connection
			.prepareStatement("SELECT sql FROM sqlite_master WHERE type = 'table' AND lower(name) = lower(?)")) {
			query.setString(1, table);
			try (ResultSet result = query.executeQuery()) {
				return result.next() ? SqliteTableReader.foreignKeyNames(result.getString(1)) : Map.of();
			}
		}
	}

}
