package dev.smalls.dialect;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Locale;
import java.util.StringJoiner;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.datasource.ConnectionProxy;

/**
 * Schema DDL for MariaDB and MySQL.
 * <ul>
 * <li>A column's type or nullability changes with {@code MODIFY COLUMN}, which restates the
 * whole column: what it does not restate (the default, {@code AUTO_INCREMENT}, a comment) is
 * lost. So the column is read from {@code information_schema} at run time and restated as it
 * is, and a generated column, which cannot be restated this way, is refused.</li>
 * <li>A foreign key needs an index on its column; MariaDB makes one if there is none and keeps
 * it when the key is dropped. {@code addForeignKey} therefore creates the index itself, named
 * as the key, and its rollback drops both; {@code dropForeignKey} leaves the index, as MariaDB
 * does, and its rollback finds it there.</li>
 * <li>A backslash in a string literal means something else depending on {@code sql_mode}, so
 * such a default is refused.</li>
 * <li>Its {@linkplain #safeRewrites() safe rewrites} ask for the change online: indexes,
 * columns, foreign keys and nullability with {@code ALGORITHM=INPLACE, LOCK=NONE} (on MariaDB,
 * {@code INPLACE} takes {@code INSTANT} where it can). Where the server cannot make the change
 * without blocking writers it refuses the statement before changing anything, and smalls says
 * what to do instead.</li>
 * </ul>
 */
final class MySqlSchemaDdl extends SchemaDdl {

	private static final String READ_AT_RUN_TIME = "/* the column's nullability, default and other attributes as "
			+ "they are when this runs */";

	/** MariaDB's and MySQL's codes for an {@code ALTER} refused for the algorithm or lock asked. */
	private static final List<Integer> NOT_ONLINE = List.of(1845, 1846);

	private final boolean mariaDb;

	private final boolean safe;

	MySqlSchemaDdl(String databaseName) {
		this(databaseName.toLowerCase(Locale.ROOT).contains("mariadb"), false);
	}

	private MySqlSchemaDdl(boolean mariaDb, boolean safe) {
		this.mariaDb = mariaDb;
		this.safe = safe;
	}

	@Override
	public SchemaDdl safeRewrites() {
		return this.safe ? this : new MySqlSchemaDdl(this.mariaDb, true);
	}

	/**
	 * The safe form's statements run on the driver's own connection: the server refuses what
	 * it cannot do online with SQLSTATE {@code 0A000}, which HikariCP takes for a broken
	 * connection and closes at once, so the operations before it could not be undone on it.
	 */
	@Override
	public Connection statementConnection(Connection connection) throws SQLException {
		if (!this.safe) {
			return connection;
		}
		// Past JdbcTemplate's close-suppressing proxy, which answers unwrap with itself; the
		// pool's then gives its driver connection.
		Connection target = (connection instanceof ConnectionProxy proxy) ? proxy.getTargetConnection() : connection;
		return target.unwrap(Connection.class);
	}

	@Override
	public @Nullable String refusal(SQLException failure) {
		if (!this.safe || !NOT_ONLINE.contains(failure.getErrorCode())) {
			return null;
		}
		String database = this.mariaDb ? "MariaDB" : "MySQL";
		return database + " cannot make this change without blocking writes to the table, so it refused the safe "
				+ "rewrite (" + String.valueOf(failure.getMessage()).strip() + ") and changed nothing. Run this "
				+ "operation outside Schema.safely(..) and without safe rewrites, in a maintenance window when writes "
				+ "can wait for it; or make the change another way (e.g. a new column filled in batches, or an online "
				+ "schema change tool such as gh-ost or pt-online-schema-change)";
	}

	/** The statements, asking the server to run them online where this DDL is the safe one. */
	private List<String> online(List<String> statements) {
		if (!this.safe) {
			return statements;
		}
		return statements.stream()
			.map((sql) -> sql.startsWith("ALTER TABLE") ? sql + ", ALGORITHM=INPLACE, LOCK=NONE"
					: sql + " ALGORITHM=INPLACE LOCK=NONE")
			.toList();
	}

	@Override
	public List<String> addColumn(String table, DdlColumn column, @Nullable Connection live) throws SQLException {
		return online(super.addColumn(table, column, live));
	}

	@Override
	public List<String> dropColumn(String table, String column, @Nullable Connection live) throws SQLException {
		return online(super.dropColumn(table, column, live));
	}

	@Override
	public List<String> createIndex(String table, String index, boolean unique, List<String> columns) {
		return online(super.createIndex(table, index, unique, columns));
	}

	@Override
	protected String quote(String name) {
		return "`" + name + "`";
	}

	@Override
	public String type(DdlType type) {
		return switch (type.kind()) {
			case INTEGER -> "INT";
			case TEXT -> "TEXT";
			case CLOB -> "LONGTEXT";
			// TIMESTAMP columns may get an implicit ON UPDATE CURRENT_TIMESTAMP; DATETIME never does.
			case TIMESTAMP -> "DATETIME(6)";
			default -> super.type(type);
		};
	}

	@Override
	protected String identityType() {
		return "BIGINT AUTO_INCREMENT";
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
	protected String stringLiteral(String text) {
		if (text.indexOf('\\') >= 0) {
			throw new IllegalArgumentException("The string '" + text + "' contains a backslash, which MariaDB and "
					+ "MySQL read as an escape or not depending on sql_mode: write this default with sql(..)");
		}
		return super.stringLiteral(text);
	}

	@Override
	public List<String> renameTable(String from, String to) {
		// RENAME TABLE moves an unqualified target into the current database: keep the schema.
		return List.of("RENAME TABLE " + identifier(from) + " TO " + identifier(schemaOf(from) + to));
	}

	@Override
	public List<String> dropIndex(String table, String index) {
		if (this.safe) {
			// DROP INDEX takes no ALGORITHM or LOCK clause on MariaDB 11; ALTER TABLE does.
			return online(List.of("ALTER TABLE " + identifier(table) + " DROP INDEX " + identifier(index)));
		}
		return List.of("DROP INDEX " + identifier(index) + " ON " + identifier(table));
	}

	/**
	 * One statement: MariaDB takes about as long for each index as for the table, so a table
	 * with its indexes and keys is created at once. Each key comes with an index of its name,
	 * as {@link #addForeignKey} makes.
	 */
	@Override
	public List<String> createTable(String table, List<DdlColumn> columns, List<DdlIndex> indexes,
			List<DdlForeignKey> foreignKeys) {
		StringJoiner body = tableBody(columns);
		for (DdlIndex index : indexes) {
			body.add((index.unique() ? "UNIQUE INDEX " : "INDEX ") + identifier(index.name()) + " ("
					+ identifiers(index.columns()) + ")");
		}
		for (DdlForeignKey foreignKey : foreignKeys) {
			body.add("INDEX " + identifier(foreignKey.name()) + " (" + identifier(foreignKey.column()) + ")");
			body.add(foreignKeyClause(foreignKey));
		}
		return List.of("CREATE TABLE " + identifier(table) + " (" + body + ")");
	}

	@Override
	public List<String> addForeignKey(String table, DdlForeignKey foreignKey, boolean ownIndex,
			@Nullable Connection live) {
		String index = ownIndex ? "ADD INDEX " + identifier(foreignKey.name()) + " (" + identifier(foreignKey.column())
				+ "), " : "";
		return online(List.of("ALTER TABLE " + identifier(table) + " " + index + "ADD " + foreignKeyClause(foreignKey)));
	}

	@Override
	public List<String> dropForeignKey(String table, DdlForeignKey foreignKey, boolean ownIndex,
			@Nullable Connection live) {
		return online(List.of("ALTER TABLE " + identifier(table) + " DROP FOREIGN KEY " + identifier(foreignKey.name())
				+ (ownIndex ? ", DROP INDEX " + identifier(foreignKey.name()) : "")));
	}

	@Override
	public List<String> alterColumnType(String table, String column, DdlType type, @Nullable Connection live)
			throws SQLException {
		String start = "ALTER TABLE " + identifier(table) + " MODIFY COLUMN " + identifier(column) + " " + type(type);
		if (live == null) {
			return online(List.of(start + " " + READ_AT_RUN_TIME));
		}
		Current current = current(live, table, column);
		boolean character = type.kind() == DdlType.Kind.VARCHAR || type.kind() == DdlType.Kind.TEXT
				|| type.kind() == DdlType.Kind.CLOB;
		return online(List.of(start + current.attributes(current.nullable, character)));
	}

	@Override
	public List<String> setNotNull(String table, String column, boolean notNull, @Nullable Connection live)
			throws SQLException {
		String start = "ALTER TABLE " + identifier(table) + " MODIFY COLUMN " + identifier(column) + " ";
		if (live == null) {
			return online(List.of(start + "/* its type, default and other attributes as they are when this runs */ "
					+ (notNull ? "NOT NULL" : "NULL")));
		}
		Current current = current(live, table, column);
		return online(List.of(start + current.type + current.attributes(!notNull, true)));
	}

	@Override
	public boolean isGeneratedName(String name) {
		return "PRIMARY".equals(name);
	}

	private Current current(Connection connection, String table, String column) throws SQLException {
		String schema = schemaOf(table);
		try (PreparedStatement query = connection.prepareStatement("SELECT COLUMN_TYPE, IS_NULLABLE, COLUMN_DEFAULT, "
				+ "EXTRA, COLUMN_COMMENT, COLLATION_NAME FROM information_schema.COLUMNS "
				+ "WHERE TABLE_SCHEMA = COALESCE(?, DATABASE()) AND TABLE_NAME = ? AND COLUMN_NAME = ?")) {
			query.setString(1, schema.isEmpty() ? null : schema.substring(0, schema.length() - 1));
			query.setString(2, nameOf(table));
			query.setString(3, column);
			try (ResultSet result = query.executeQuery()) {
				if (!result.next()) {
					throw new SQLException("Unknown column '" + column + "' in '" + table + "'", "42S22", 1054);
				}
				String extra = result.getString(4).toLowerCase(Locale.ROOT);
				if (extra.contains("generated") && !extra.contains("default_generated") || extra.contains("persistent")) {
					throw new SQLException("Column " + table + "." + column + " is generated (" + extra + "): smalls "
							+ "cannot restate it to change it; write this change with sql(..)");
				}
				return new Current(result.getString(1), "YES".equals(result.getString(2)),
						defaultSql(result.getString(3), extra), extra.replace("default_generated", "").strip(),
						result.getString(5), result.getString(6));
			}
		}
	}

	/**
	 * MariaDB reports a default as SQL ({@code 'x'}, {@code 1.5}, {@code current_timestamp()},
	 * {@code NULL}); MySQL reports a literal's value unquoted and marks an expression with
	 * {@code DEFAULT_GENERATED}.
	 */
	private @Nullable String defaultSql(@Nullable String reported, String extra) {
		if (reported == null || (this.mariaDb && reported.equalsIgnoreCase("NULL"))) {
			return null;
		}
		if (this.mariaDb) {
			return reported;
		}
		if (extra.contains("default_generated")) {
			return reported.toUpperCase(Locale.ROOT).startsWith("CURRENT_TIMESTAMP") ? reported : "(" + reported + ")";
		}
		return stringLiteral(reported);
	}

	private final class Current {

		private final String type;

		private final boolean nullable;

		private final @Nullable String defaultSql;

		private final String extra;

		private final @Nullable String comment;

		private final @Nullable String collation;

		Current(String type, boolean nullable, @Nullable String defaultSql, String extra, @Nullable String comment,
				@Nullable String collation) {
			this.type = type;
			this.nullable = nullable;
			this.defaultSql = defaultSql;
			this.extra = extra;
			this.comment = comment;
			this.collation = collation;
		}

		/** Everything after the type, as the column has it, with the given nullability. */
		String attributes(boolean nullable, boolean keepCollation) {
			StringBuilder sql = new StringBuilder();
			if (keepCollation && this.collation != null) {
				sql.append(" COLLATE ").append(this.collation);
			}
			sql.append(nullable ? " NULL" : " NOT NULL");
			if (this.defaultSql != null) {
				sql.append(" DEFAULT ").append(this.defaultSql);
			}
			if (!this.extra.isEmpty()) {
				sql.append(' ').append(this.extra.toUpperCase(Locale.ROOT));
			}
			if (this.comment != null && !this.comment.isEmpty()) {
				sql.append(" COMMENT ").append(stringLiteral(this.comment));
			}
			return sql.toString();
		}

	}

}
