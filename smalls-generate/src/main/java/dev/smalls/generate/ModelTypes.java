package dev.smalls.generate;

import java.sql.Types;
import java.util.Locale;

import org.hibernate.boot.Metadata;
import org.hibernate.dialect.Dialect;
import org.hibernate.engine.jdbc.Size;
import org.hibernate.mapping.Column;
import org.hibernate.type.SqlTypes;
import org.jspecify.annotations.Nullable;

import dev.smalls.SmallsValidationException;
import dev.smalls.dialect.SmallsDialect;
import dev.smalls.generate.Model.TypeCheck;
import dev.smalls.schema.ColumnType;

/**
 * The type of each model column: a portable {@link ColumnType} where smalls writes on this
 * database what Hibernate asks for, and Hibernate's own SQL type written as given otherwise.
 * Also tells, by Hibernate's own rule ({@code ddl-auto=validate}) plus the length check of its
 * schema update, whether a database column already has the type.
 */
final class ModelTypes {

	private final Metadata metadata;

	private final Dialect dialect;

	private final SmallsDialect smalls;

	ModelTypes(Metadata metadata, SmallsDialect smalls) {
		this.metadata = metadata;
		this.dialect = metadata.getDatabase().getDialect();
		this.smalls = smalls;
	}

	/**
	 * The type to write a column with.
	 * @param column the column
	 * @param definition its {@code columnDefinition}, or {@code null}
	 * @param where the table and column, for messages
	 * @return the type
	 * @throws SmallsValidationException for a {@code columnDefinition} smalls refuses
	 */
	ModelType typeOf(Column column, @Nullable String definition, String where) {
		if (definition != null) {
			try {
				return new ModelType(ColumnType.of(definition), "From columnDefinition, written as given.");
			}
			catch (IllegalArgumentException ex) {
				throw new SmallsValidationException("The columnDefinition of " + where + " cannot be written as a "
						+ "column type: " + ex.getMessage() + ". No migration was written.",
						"Give the column a plain type in columnDefinition, or none, and run smalls generate again.");
			}
		}
		String sqlType = column.getSqlType(this.metadata);
		ColumnType candidate = candidate(column.getSqlTypeCode(this.metadata),
				column.getColumnSize(this.dialect, this.metadata));
		// smalls decides how each database stores a boolean (TINYINT(1) on MariaDB, where
		// Hibernate says bit), and Hibernate reads either.
		if (candidate != null && (candidate.equals(ColumnType.BOOLEAN) || spelling(candidate.sql(this.smalls))
			.equals(spelling(sqlType)))) {
			return ModelType.portable(candidate);
		}
		return new ModelType(ColumnType.of(sqlType), "Hibernate writes " + sqlType + " on "
				+ this.smalls.databaseName() + " and no portable ColumnType does: this line is for "
				+ this.smalls.databaseName() + ".");
	}

	private static ColumnType candidate(int typeCode, Size size) {
		return switch (typeCode) {
			case Types.BOOLEAN, Types.BIT -> ColumnType.BOOLEAN;
			case Types.TINYINT, Types.SMALLINT -> ColumnType.SMALLINT;
			case Types.INTEGER -> ColumnType.INTEGER;
			case Types.BIGINT -> ColumnType.BIGINT;
			case Types.DATE -> ColumnType.DATE;
			// An Instant or OffsetDateTime: portable only where the database has no time zone type
			// and Hibernate asks for what TIMESTAMP is (MariaDB's DATETIME(6)).
			case Types.TIMESTAMP, Types.TIMESTAMP_WITH_TIMEZONE, SqlTypes.TIMESTAMP_UTC -> ColumnType.TIMESTAMP;
			case SqlTypes.UUID -> ColumnType.UUID;
			case Types.LONGVARCHAR, Types.LONGNVARCHAR, SqlTypes.LONG32VARCHAR, SqlTypes.LONG32NVARCHAR -> ColumnType.TEXT;
			// @Lob String: CLOB is what Hibernate writes for it on each database.
			case Types.CLOB, Types.NCLOB -> ColumnType.CLOB;
			case Types.VARCHAR, Types.NVARCHAR -> (size.getLength() != null && size.getLength() > 0
					&& size.getLength() <= Integer.MAX_VALUE) ? ColumnType.varchar(size.getLength().intValue()) : null;
			case Types.NUMERIC, Types.DECIMAL -> (size.getPrecision() != null && size.getPrecision() > 0
					&& size.getScale() != null && size.getScale() >= 0 && size.getScale() <= size.getPrecision())
							? ColumnType.decimal(size.getPrecision(), size.getScale()) : null;
			default -> null;
		};
	}

	/** A type as SQL, in one spelling: {@code NUMERIC(10, 2)} and {@code decimal(10,2)} agree. */
	private static String spelling(String sql) {
		String text = sql.toLowerCase(Locale.ROOT).strip().replaceAll("\\s*,\\s*", ",").replaceAll("\\s*\\(\\s*", "(");
		text = text.replaceFirst("^character varying", "varchar").replaceFirst("^numeric", "decimal");
		return switch (text) {
			case "int", "int4" -> "integer";
			case "bool" -> "boolean";
			// Six digits of fraction is the default where TIMESTAMP is written bare.
			case "timestamp(6)" -> "timestamp";
			default -> text;
		};
	}

	/**
	 * How to tell whether a database column has a model column's type: Hibernate's rule for
	 * {@code ddl-auto=validate}, and the same length, precision and scale where the type states
	 * them.
	 * @param column the model column
	 * @return the check, or {@code null} for a {@code columnDefinition}
	 */
	TypeCheck check(Column column) {
		int typeCode = column.getSqlTypeCode(this.metadata);
		String sqlType = column.getSqlType(this.metadata);
		Size size = column.getColumnSize(this.dialect, this.metadata);
		return (database, jdbcTypeCode) -> sameType(typeCode, sqlType, database.typeName(), jdbcTypeCode,
				database.size(), database.scale()) && sameLength(sqlType, size, jdbcTypeCode, database.size(),
						database.scale());
	}

	/**
	 * Hibernate's {@code ColumnDefinitions.hasMatchingType}, which is not public. H2 reports an
	 * enum's values in its type name, which Hibernate's own reading of the metadata leaves out.
	 */
	private boolean sameType(int typeCode, String sqlType, String typeName, int jdbcTypeCode, int size, int scale) {
		if (this.dialect.equivalentTypes(typeCode, jdbcTypeCode)
				|| hibernateSpelling(stripArguments(sqlType)).equals(hibernateSpelling(stripArguments(typeName)))) {
			return true;
		}
		int resolved = this.dialect
			.resolveSqlTypeDescriptor(typeName, jdbcTypeCode, size, scale,
					this.metadata.getDatabase().getTypeConfiguration().getJdbcTypeRegistry())
			.getDefaultSqlTypeCode();
		return this.dialect.equivalentTypes(typeCode, resolved);
	}

	/** Hibernate's {@code ColumnDefinitions.hasMatchingLength}, which is not public. */
	private static boolean sameLength(String sqlType, Size size, int jdbcTypeCode, int length, int scale) {
		// An enum's parentheses hold its values, and its length is theirs, not the mapping's.
		if (!sqlType.contains("(") || sqlType.strip().toLowerCase(Locale.ROOT).startsWith("enum")) {
			return true;
		}
		if (SqlTypes.isStringType(jdbcTypeCode)) {
			return size.getLength() == null || size.getLength() == length;
		}
		if (SqlTypes.isNumericOrDecimal(jdbcTypeCode)) {
			return size.getPrecision() == null || size.getScale() == null
					|| (size.getPrecision() == length && size.getScale() == scale);
		}
		return true;
	}

	private static String stripArguments(String type) {
		int parenthesis = type.indexOf('(');
		return (parenthesis > 0) ? type.substring(0, parenthesis).strip() : type;
	}

	private static String hibernateSpelling(String typeName) {
		String lower = typeName.toLowerCase(Locale.ROOT);
		return switch (lower) {
			case "int" -> "integer";
			case "character" -> "char";
			case "character varying" -> "varchar";
			case "binary varying" -> "varbinary";
			case "character large object" -> "clob";
			case "binary large object" -> "blob";
			case "interval second" -> "interval";
			case "double precision" -> "double";
			default -> lower;
		};
	}

}
