package dev.smalls.schema;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import dev.smalls.dialect.DdlColumn;
import dev.smalls.dialect.SchemaDdl;

/**
 * A column of a {@link TableDefinition}, or one added by {@link Schema#addColumn}: a name, a
 * type and options. Without options a column accepts {@code NULL} and has no default.
 */
public final class ColumnDefinition {

	private final String name;

	private final ColumnType type;

	private final boolean identity;

	private boolean notNull;

	private boolean primaryKey;

	private boolean unique;

	private @Nullable Object defaultValue;

	ColumnDefinition(String name, ColumnType type, boolean identity) {
		this.name = Identifiers.plain("Column", name);
		this.type = type;
		this.identity = identity;
		this.primaryKey = identity;
	}

	/**
	 * Refuse {@code NULL}.
	 * @return this definition
	 */
	public ColumnDefinition notNull() {
		this.notNull = true;
		return this;
	}

	/**
	 * Make the column the table's primary key, or part of it when several columns say so
	 * (in the order they are defined). It refuses {@code NULL}.
	 * @return this definition
	 */
	public ColumnDefinition primaryKey() {
		this.primaryKey = true;
		return this;
	}

	/**
	 * Give the column a unique constraint of its own.
	 * @return this definition
	 */
	public ColumnDefinition unique() {
		this.unique = true;
		return this;
	}

	/**
	 * Give the column a default.
	 * @param value a number, {@code Boolean}, {@code String}, {@link LocalDate},
	 * {@link LocalDateTime}, {@link UUID}, enum constant, or an {@link SqlExpression}
	 * @return this definition
	 * @throws IllegalArgumentException for another type of value, or on a column the
	 * database numbers itself
	 */
	public ColumnDefinition defaultValue(Object value) {
		if (this.identity) {
			throw new IllegalArgumentException("Column " + this.name + " is numbered by the database and takes no "
					+ "default");
		}
		this.defaultValue = checkDefault(value);
		return this;
	}

	/**
	 * A default a schema operation accepts.
	 * @param value the value
	 * @return the value
	 * @throws IllegalArgumentException for a type with no portable SQL literal
	 */
	static Object checkDefault(Object value) {
		if (value instanceof Boolean || value instanceof Integer || value instanceof Long || value instanceof Short
				|| value instanceof Byte || value instanceof BigInteger || value instanceof BigDecimal
				|| value instanceof Double || value instanceof Float || value instanceof CharSequence
				|| value instanceof LocalDate || value instanceof LocalDateTime || value instanceof UUID
				|| value instanceof Enum<?> || value instanceof SqlExpression) {
			return value;
		}
		if (value == null) {
			throw new IllegalArgumentException("A default of null is no default: leave defaultValue(..) out");
		}
		throw new IllegalArgumentException("A default of type " + value.getClass().getName() + " is not supported: "
				+ "use a number, Boolean, String, LocalDate, LocalDateTime, UUID, enum constant or SqlExpression");
	}

	/**
	 * A default as SQL for a database.
	 * @param value the default, or {@code null} for none
	 * @param ddl the database's DDL
	 * @return the SQL, or {@code null}
	 */
	static @Nullable String defaultSql(@Nullable Object value, SchemaDdl ddl) {
		if (value == null) {
			return null;
		}
		return (value instanceof SqlExpression expression) ? expression.sql() : ddl.literal(value);
	}

	/** How a default reads in a description. */
	static String describeDefault(@Nullable Object value) {
		if (value == null) {
			return "none";
		}
		return (value instanceof CharSequence || value instanceof LocalDate || value instanceof LocalDateTime
				|| value instanceof UUID) ? "'" + value + "'" : String.valueOf(value);
	}

	String name() {
		return this.name;
	}

	ColumnType type() {
		return this.type;
	}

	boolean isIdentity() {
		return this.identity;
	}

	boolean isNotNull() {
		return this.notNull || this.primaryKey;
	}

	boolean isPrimaryKey() {
		return this.primaryKey;
	}

	boolean isUnique() {
		return this.unique;
	}

	@Nullable Object defaultValue() {
		return this.defaultValue;
	}

	DdlColumn toDdl(SchemaDdl ddl) {
		return new DdlColumn(this.name, this.type.ddlType(), isNotNull(), this.primaryKey, this.unique,
				defaultSql(this.defaultValue, ddl), this.identity);
	}

	/** {@code reset_count INTEGER NOT NULL DEFAULT 0}. */
	String describe() {
		StringBuilder text = new StringBuilder(this.name).append(' ')
			.append(this.identity ? "BIGINT numbered by the database" : this.type.toString());
		if (this.primaryKey) {
			text.append(" PRIMARY KEY");
		}
		else if (this.notNull) {
			text.append(" NOT NULL");
		}
		if (this.unique) {
			text.append(" UNIQUE");
		}
		if (this.defaultValue != null) {
			text.append(" DEFAULT ").append(describeDefault(this.defaultValue));
		}
		return text.toString();
	}

}
