package dev.smalls.schema;

import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

import dev.smalls.dialect.DdlType;
import dev.smalls.dialect.DdlType.Kind;
import dev.smalls.dialect.SmallsDialect;

/**
 * A column's type, written the right way on each database: {@link #TEXT} is {@code TEXT} on
 * PostgreSQL, MariaDB and SQLite, {@code CHARACTER VARYING} on H2 and {@code LONGVARCHAR} on
 * HSQLDB; {@link #TIMESTAMP} is {@code DATETIME(6)} on MariaDB/MySQL; {@link #UUID} is the
 * native type where there is one and {@code CHAR(36)} elsewhere; {@link #CLOB} is what JPA's
 * {@code @Lob String} is on each database. {@link #of(String)} is the escape hatch for anything
 * else, written as given.
 */
public final class ColumnType {

	/** A 32-bit integer. */
	public static final ColumnType INTEGER = new ColumnType(DdlType.of(Kind.INTEGER));

	/** A 64-bit integer. */
	public static final ColumnType BIGINT = new ColumnType(DdlType.of(Kind.BIGINT));

	/** A 16-bit integer. */
	public static final ColumnType SMALLINT = new ColumnType(DdlType.of(Kind.SMALLINT));

	/** True or false ({@code TINYINT(1)} on MariaDB/MySQL). */
	public static final ColumnType BOOLEAN = new ColumnType(DdlType.of(Kind.BOOLEAN));

	/** A string of any length. */
	public static final ColumnType TEXT = new ColumnType(DdlType.of(Kind.TEXT));

	/**
	 * A character large object, as Hibernate maps a {@code @Lob String} and validates it:
	 * {@code CLOB} on H2, HSQLDB and other databases, {@code LONGTEXT} on MariaDB/MySQL,
	 * {@code TEXT} on SQLite, and {@code OID} on PostgreSQL, where the text lives in a large
	 * object the column refers to (plain SQL reads it with {@code lo_get}, not as text; for text
	 * SQL can read, map the field without {@code @Lob} and use {@link #TEXT}).
	 */
	public static final ColumnType CLOB = new ColumnType(DdlType.of(Kind.CLOB));

	/** A calendar date. */
	public static final ColumnType DATE = new ColumnType(DdlType.of(Kind.DATE));

	/** A date and time without time zone, to the microsecond. */
	public static final ColumnType TIMESTAMP = new ColumnType(DdlType.of(Kind.TIMESTAMP));

	/** A UUID: native on PostgreSQL, H2 and HSQLDB, {@code CHAR(36)} elsewhere. */
	public static final ColumnType UUID = new ColumnType(DdlType.of(Kind.UUID));

	private static final Set<String> TEXT_TYPES = Set.of("TEXT", "CLOB", "LONGVARCHAR", "MEDIUMTEXT", "LONGTEXT",
			"CHARACTER LARGE OBJECT");

	private static final Set<String> CLOB_TYPES = Set.of("CLOB", "CHARACTER LARGE OBJECT", "LONGTEXT", "OID", "TEXT");

	private final DdlType type;

	private ColumnType(DdlType type) {
		this.type = type;
	}

	/**
	 * A string of at most {@code length} characters.
	 * @param length 1 or more
	 * @return the type
	 */
	public static ColumnType varchar(int length) {
		Assert.isTrue(length > 0, () -> "A varchar's length must be 1 or more, not " + length);
		return new ColumnType(new DdlType(Kind.VARCHAR, length, 0, null));
	}

	/**
	 * An exact number.
	 * @param precision how many digits, 1 or more
	 * @param scale how many of them after the decimal point, 0 to {@code precision}
	 * @return the type
	 */
	public static ColumnType decimal(int precision, int scale) {
		Assert.isTrue(precision > 0 && scale >= 0 && scale <= precision,
				() -> "A decimal needs a precision of 1 or more and a scale from 0 to the precision, not (" + precision
						+ ", " + scale + ")");
		return new ColumnType(new DdlType(Kind.DECIMAL, precision, scale, null));
	}

	/**
	 * A type written as given, for what the portable types do not cover ({@code JSONB},
	 * {@code DOUBLE PRECISION}, {@code ENUM('a','b')}). It is the same on every database, so
	 * a migration that uses one is tied to the databases that know it.
	 * @param vendorSql the type as SQL
	 * @return the type
	 */
	public static ColumnType of(String vendorSql) {
		Assert.hasText(vendorSql, "A column type must not be blank");
		Assert.isTrue(vendorSql.indexOf(';') < 0 && !vendorSql.contains("--") && !vendorSql.contains("/*"),
				() -> "A column type is a type name, without ';' or comments: " + vendorSql);
		return new ColumnType(new DdlType(Kind.VENDOR, 0, 0, vendorSql.strip()));
	}

	/**
	 * The type of a column as the metadata reports it, for an operation that must put it back
	 * as it is (the {@code from} of {@link Schema#alterColumnType}, a dropped column's type for
	 * the rollback): the portable type this database writes as exactly that type, or else the
	 * reported type written as given ({@link #of(String)}), with its length where its name takes
	 * one.
	 * @param column the column, from a {@link SchemaSnapshot}
	 * @param dialect the dialect of the database it was read from
	 * @return the type
	 */
	public static ColumnType of(SchemaSnapshot.Column column, SmallsDialect dialect) {
		List<ColumnType> candidates = List.of(INTEGER, BIGINT, SMALLINT, BOOLEAN, TEXT, CLOB, DATE,
				TIMESTAMP, UUID);
		for (ColumnType candidate : candidates) {
			if (candidate.reads(column, dialect)) {
				return candidate;
			}
		}
		String name = column.typeName().toUpperCase(Locale.ROOT);
		if ((name.equals("DECIMAL") || name.equals("NUMERIC")) && column.size() > 0) {
			return decimal(column.size(), column.scale());
		}
		if (isVarchar(name) && column.size() > 0 && column.size() < 1_000_000) {
			return varchar(column.size());
		}
		return of(vendorSql(column.typeName(), column));
	}

	/** Whether this portable type is how the database writes the column's type. */
	private boolean reads(SchemaSnapshot.Column column, SmallsDialect dialect) {
		if (!Boolean.TRUE.equals(matches(column)) || !family(sql(dialect)).equals(family(column.typeName()))) {
			return false;
		}
		if (this.type.kind() != Kind.TIMESTAMP) {
			return true;
		}
		// Six digits of fraction: a scale of 6, or a size of 26 where the scale is not reported
		// (MariaDB's DATETIME(6), HSQLDB's TIMESTAMP).
		return (column.scale() > 0) ? column.scale() == 6 : column.size() == 26;
	}

	/** A type's name without its length, under one spelling: {@code int4} is {@code INTEGER}. */
	private static String family(String sql) {
		String name = sql.toUpperCase(Locale.ROOT).strip();
		int parenthesis = name.indexOf('(');
		name = ((parenthesis >= 0) ? name.substring(0, parenthesis) : name).strip();
		return switch (name) {
			case "INT", "INT4" -> "INTEGER";
			case "INT8" -> "BIGINT";
			case "INT2" -> "SMALLINT";
			case "BOOL" -> "BOOLEAN";
			case "CHARACTER VARYING", "LONGVARCHAR" -> "VARCHAR";
			case "CHARACTER LARGE OBJECT" -> "CLOB";
			case "NUMERIC" -> "DECIMAL";
			case "CHARACTER", "BPCHAR" -> "CHAR";
			default -> name;
		};
	}

	/** A reported type as SQL: its name, and its length or fraction digits where it takes one. */
	private static String vendorSql(String typeName, SchemaSnapshot.Column column) {
		String name = typeName.toUpperCase(Locale.ROOT);
		boolean sized = (name.contains("CHAR") || name.contains("BINARY")) && !name.contains("LARGE OBJECT")
				&& !name.contains("TEXT");
		if (sized && column.size() > 0) {
			return typeName + "(" + column.size() + ")";
		}
		if ((name.equals("TIMESTAMP") || name.equals("TIME")) && column.scale() > 0) {
			return typeName + "(" + column.scale() + ")";
		}
		if (name.equals("DATETIME") && column.size() > 20) {
			// DATETIME(n) reports a size of 20 + n.
			return typeName + "(" + (column.size() - 20) + ")";
		}
		return typeName;
	}

	/**
	 * This type as a database writes it in DDL, e.g. {@code CHARACTER VARYING} for
	 * {@link #TEXT} on H2.
	 * @param dialect the database's dialect
	 * @return the SQL type
	 */
	public String sql(SmallsDialect dialect) {
		return dialect.schemaDdl().type(this.type);
	}

	DdlType ddlType() {
		return this.type;
	}

	/**
	 * This type as the Java that makes it, for a migration source that smalls writes:
	 * {@code ColumnType.varchar(50)}, {@code ColumnType.TEXT}, {@code ColumnType.of("JSONB")}.
	 * @return a Java expression
	 */
	public String javaExpression() {
		return switch (this.type.kind()) {
			case VARCHAR -> "ColumnType.varchar(" + this.type.size() + ")";
			case DECIMAL -> "ColumnType.decimal(" + this.type.size() + ", " + this.type.scale() + ")";
			case VENDOR -> "ColumnType.of(" + JavaLiterals.string(String.valueOf(this.type.sql())) + ")";
			default -> "ColumnType." + this.type.kind().name();
		};
	}

	/**
	 * Whether a column, as the metadata reports it, has this type: {@code null} when that
	 * cannot be told, as for a vendor type.
	 */
	@Nullable Boolean matches(SchemaSnapshot.Column column) {
		String name = column.typeName().toUpperCase(Locale.ROOT);
		return switch (this.type.kind()) {
			case INTEGER -> name.equals("INTEGER") || name.equals("INT") || name.equals("INT4");
			case BIGINT -> name.equals("BIGINT") || name.equals("INT8");
			case SMALLINT -> name.equals("SMALLINT") || name.equals("INT2");
			case BOOLEAN -> name.equals("BOOLEAN") || name.equals("BOOL") || name.equals("TINYINT");
			case TEXT -> TEXT_TYPES.contains(name) || (isVarchar(name) && column.size() >= 1_000_000);
			case CLOB -> CLOB_TYPES.contains(name);
			case DATE -> name.equals("DATE");
			case TIMESTAMP -> name.equals("TIMESTAMP") || name.equals("DATETIME");
			case UUID -> name.equals("UUID") || (name.equals("CHAR") && column.size() == 36);
			case VARCHAR -> isVarchar(name) && column.size() == this.type.size();
			case DECIMAL -> (name.equals("DECIMAL") || name.equals("NUMERIC")) && column.size() == this.type.size()
					&& column.scale() == this.type.scale();
			case VENDOR -> null;
		};
	}

	private static boolean isVarchar(String name) {
		return name.equals("VARCHAR") || name.equals("CHARACTER VARYING");
	}

	@Override
	public boolean equals(@Nullable Object other) {
		return other instanceof ColumnType type && this.type.equals(type.type);
	}

	@Override
	public int hashCode() {
		return this.type.hashCode();
	}

	@Override
	public String toString() {
		return switch (this.type.kind()) {
			case VARCHAR -> "VARCHAR(" + this.type.size() + ")";
			case DECIMAL -> "DECIMAL(" + this.type.size() + ", " + this.type.scale() + ")";
			case VENDOR -> String.valueOf(this.type.sql());
			default -> this.type.kind().name();
		};
	}

}
