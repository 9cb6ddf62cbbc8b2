package dev.smalls.dialect;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * Schema DDL for PostgreSQL: unquoted names fold to lower case; a type change casts the
 * existing values explicitly, so that conversions PostgreSQL does not make by itself (text to
 * integer) work as they do elsewhere.
 * <p>
 * Its {@linkplain #safeRewrites() safe rewrites} keep a table open to writers: an index is
 * built and dropped {@code CONCURRENTLY}; a foreign key is added {@code NOT VALID} and then
 * validated, which holds only a lock that lets rows be written; a column is made
 * {@code NOT NULL} by validating a {@code CHECK (column IS NOT NULL)} first, which
 * {@code SET NOT NULL} then trusts instead of scanning the table under an exclusive lock
 * (PostgreSQL 12 and later), and dropping the check. Each statement must commit before the
 * next, so a migration with them runs outside a transaction.
 */
final class PostgresSchemaDdl extends SchemaDdl {

	/** The longest name PostgreSQL keeps. */
	private static final int NAME_LENGTH = 63;

	private final boolean safe;

	PostgresSchemaDdl() {
		this(false);
	}

	private PostgresSchemaDdl(boolean safe) {
		this.safe = safe;
	}

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

	@Override
	public SchemaDdl safeRewrites() {
		return this.safe ? this : new PostgresSchemaDdl(true);
	}

	@Override
	public boolean commitsEachStatement() {
		return this.safe;
	}

	@Override
	public List<String> createIndex(String table, String index, boolean unique, List<String> columns) {
		if (!this.safe) {
			return super.createIndex(table, index, unique, columns);
		}
		return List.of("CREATE " + (unique ? "UNIQUE " : "") + "INDEX CONCURRENTLY " + identifier(index) + " ON "
				+ identifier(table) + " (" + identifiers(columns) + ")");
	}

	@Override
	public List<String> dropIndex(String table, String index) {
		if (!this.safe) {
			return super.dropIndex(table, index);
		}
		return List.of("DROP INDEX CONCURRENTLY " + identifier(schemaOf(table) + index));
	}

	@Override
	public List<String> addForeignKey(String table, DdlForeignKey foreignKey, boolean ownIndex,
			@Nullable Connection live) throws SQLException {
		if (!this.safe) {
			return super.addForeignKey(table, foreignKey, ownIndex, live);
		}
		String alter = "ALTER TABLE " + identifier(table);
		return List.of(alter + " ADD " + foreignKeyClause(foreignKey) + " NOT VALID",
				alter + " VALIDATE CONSTRAINT " + identifier(foreignKey.name()));
	}

	@Override
	public List<String> setNotNull(String table, String column, boolean notNull, @Nullable Connection live)
			throws SQLException {
		if (!this.safe || !notNull) {
			return super.setNotNull(table, column, notNull, live);
		}
		String alter = "ALTER TABLE " + identifier(table);
		String check = identifier(notNullCheck(column));
		return List.of(alter + " ADD CONSTRAINT " + check + " CHECK (" + identifier(column) + " IS NOT NULL) NOT VALID",
				alter + " VALIDATE CONSTRAINT " + check, alterColumn(table, column) + " SET NOT NULL",
				alter + " DROP CONSTRAINT " + check);
	}

	@Override
	public List<String> indexLeftovers(Connection live, String table, String index) throws SQLException {
		String name = identifier(schemaOf(table) + index);
		boolean invalid = exists(live, "SELECT 1 FROM pg_catalog.pg_index WHERE indexrelid = to_regclass(?) "
				+ "AND NOT indisvalid", name, null);
		// Concurrently where it can be: outside a transaction.
		return invalid ? List.of("DROP INDEX " + (live.getAutoCommit() ? "CONCURRENTLY " : "") + name) : List.of();
	}

	@Override
	public List<String> foreignKeyLeftovers(Connection live, String table, DdlForeignKey foreignKey)
			throws SQLException {
		return constraintLeftovers(live, table, foreignKey.name(), " AND NOT convalidated");
	}

	@Override
	public List<String> notNullLeftovers(Connection live, String table, String column) throws SQLException {
		return constraintLeftovers(live, table, notNullCheck(column), "");
	}

	private List<String> constraintLeftovers(Connection live, String table, String constraint, String condition)
			throws SQLException {
		boolean left = exists(live, "SELECT 1 FROM pg_catalog.pg_constraint WHERE conrelid = to_regclass(?) "
				+ "AND conname = ?" + condition, identifier(table), fold(constraint));
		return left ? List.of("ALTER TABLE " + identifier(table) + " DROP CONSTRAINT " + identifier(constraint))
				: List.of();
	}

	private static boolean exists(Connection live, String sql, String first, @Nullable String second)
			throws SQLException {
		try (PreparedStatement query = live.prepareStatement(sql)) {
			query.setString(1, first);
			if (second != null) {
				query.setString(2, second);
			}
			try (ResultSet result = query.executeQuery()) {
				return result.next();
			}
		}
	}

	/** The check a safe {@code setNotNull} validates first; named so that repair can find it. */
	private static String notNullCheck(String column) {
		String name = "smalls_not_null_" + column.toLowerCase(Locale.ROOT);
		return (name.length() > NAME_LENGTH) ? name.substring(0, NAME_LENGTH) : name;
	}

}
