package dev.smalls.generate;

import java.sql.Types;
import java.util.List;

import org.hibernate.type.SqlTypes;

/**
 * What the rows a table already has get in a column the model adds {@code NOT NULL} without a
 * default, so that the generated migration applies to the database it was generated from (a
 * plain {@code ADD COLUMN .. NOT NULL} fails there on H2 and PostgreSQL, and fills in an
 * implicit zero or empty string on MariaDB). Decided from the field's type, as Hibernate maps
 * it.
 */
sealed interface ExistingRows {

	/**
	 * What the rows get, in words, for the console and the comment.
	 * @return e.g. {@code 0}
	 */
	String shown();

	/**
	 * Add the column {@code NOT NULL} with this default, which fills the rows in one statement,
	 * then drop the default again, since the model has none: numbers get 0, booleans false.
	 *
	 * @param value the default, a value {@code defaultValue(..)} takes
	 * @param shown the value in words
	 */
	record Default(Object value, String shown) implements ExistingRows {

	}

	/**
	 * Add the column nullable, fill it with an {@code UPDATE}, then make it {@code NOT NULL}: a
	 * value a person should look at ({@code ''}, the first of an enum's values, the current
	 * time), in a step of its own where it is easy to change.
	 *
	 * @param sql the value as SQL
	 * @param shown the value in words
	 */
	record Fill(String sql, String shown) implements ExistingRows {

	}

	/**
	 * No value does for every row (a foreign key, a unique column, binary data): the column is
	 * added nullable, and generate, run again once it is filled, makes it {@code NOT NULL}.
	 *
	 * @param why why no value does, for the console and the comment
	 */
	record None(String why) implements ExistingRows {

		@Override
		public String shown() {
			return "nothing";
		}

	}

	/**
	 * Decide.
	 * @param typeCode the column's JDBC type code, as Hibernate maps it
	 * @param foreignKey whether it refers to another table
	 * @param unique whether it is unique on its own
	 * @param allowedValues the values an enum or discriminator allows, first the one to fill
	 * with; empty for any
	 * @return what the rows get
	 */
	static ExistingRows of(int typeCode, boolean foreignKey, boolean unique, List<String> allowedValues) {
		if (foreignKey) {
			return new None("it refers to another table, and no one row there is right for every row here");
		}
		if (unique) {
			return new None("it is unique, so no one value does for every row");
		}
		if (!allowedValues.isEmpty()) {
			String first = allowedValues.get(0);
			if (first.indexOf('\\') < 0) {
				return new Fill("'" + first.replace("'", "''") + "'", "'" + first + "', the first value it allows");
			}
			return new None("it allows only some values, and '" + first + "' cannot be written on every database");
		}
		return switch (typeCode) {
			case Types.TINYINT, Types.SMALLINT, Types.INTEGER, Types.BIGINT, Types.NUMERIC, Types.DECIMAL, Types.FLOAT,
					Types.REAL, Types.DOUBLE -> new Default(0, "0");
			case Types.BOOLEAN, Types.BIT -> new Default(false, "false");
			case Types.CHAR, Types.NCHAR, Types.VARCHAR, Types.NVARCHAR, Types.LONGVARCHAR, Types.LONGNVARCHAR,
					SqlTypes.LONG32VARCHAR, SqlTypes.LONG32NVARCHAR -> new Fill("''", "'' (an empty string)");
			case Types.DATE -> new Fill("CURRENT_DATE", "the current date");
			case Types.TIMESTAMP, Types.TIMESTAMP_WITH_TIMEZONE, SqlTypes.TIMESTAMP_UTC ->
				new Fill("CURRENT_TIMESTAMP", "the current time");
			default -> new None("no one value of its type is right for every row");
		};
	}

}
