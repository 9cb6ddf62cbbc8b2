package dev.smalls.schema;

import java.util.Locale;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

import dev.smalls.dialect.DdlType;
import dev.smalls.dialect.DdlType.Kind;

/**
 * A column's type, written the right way on each database: {@link #TEXT} is {@code TEXT} on
 * PostgreSQL, MariaDB and SQLite, {@code CHARACTER VARYING} on H2 and {@code LONGVARCHAR} on
 * HSQLDB; {@link #TIMESTAMP} is {@code DATETIME(6)} on MariaDB/MySQL; {@link #UUID} is the
 * native type where there is one and {@code CHAR(36)} elsewhere. {@link #of(String)} is the
 * escape hatch for anything else, written as given.
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

	/** A calendar date. */
	public static final ColumnType DATE = new ColumnType(DdlType.of(Kind.DATE));

	/** A date and time without time zone, to the microsecond. */
	public static final ColumnType TIMESTAMP = new ColumnType(DdlType.of(Kind.TIMESTAMP));

	/** A UUID: native on PostgreSQL, H2 and HSQLDB, {@code CHAR(36)} elsewhere. */
	public static final ColumnType UUID = new ColumnType(DdlType.of(Kind.UUID));

	private static final Set<String> TEXT_TYPES = Set.of("TEXT", "CLOB", "LONGVARCHAR", "MEDIUMTEXT", "LONGTEXT",
			"CHARACTER LARGE OBJECT");

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

	DdlType ddlType() {
		return this.type;
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
