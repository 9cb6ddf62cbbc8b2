package dev.smalls.dialect;

import org.jspecify.annotations.Nullable;

/**
 * A column type as {@link SchemaDdl} renders it: one of the portable kinds, each written the
 * way its database spells it, or a piece of vendor SQL written as given.
 *
 * @param kind the portable kind
 * @param size the length of a {@link Kind#VARCHAR} or the precision of a {@link Kind#DECIMAL},
 * 0 otherwise
 * @param scale the scale of a {@link Kind#DECIMAL}, 0 otherwise
 * @param sql the vendor SQL of a {@link Kind#VENDOR} type, {@code null} otherwise
 */
public record DdlType(Kind kind, int size, int scale, @Nullable String sql) {

	/**
	 * A portable type, without size.
	 * @param kind any kind but {@link Kind#VARCHAR}, {@link Kind#DECIMAL} and {@link Kind#VENDOR}
	 * @return the type
	 */
	public static DdlType of(Kind kind) {
		return new DdlType(kind, 0, 0, null);
	}

	/**
	 * The portable kinds of column type.
	 */
	public enum Kind {

		/** A 32-bit integer. */
		INTEGER,

		/** A 64-bit integer. */
		BIGINT,

		/** A 16-bit integer. */
		SMALLINT,

		/** True or false. */
		BOOLEAN,

		/** A string of any length. */
		TEXT,

		/** A character large object, as JPA maps {@code @Lob String}. */
		CLOB,

		/** A calendar date. */
		DATE,

		/** A date and time of day, without time zone. */
		TIMESTAMP,

		/** A UUID, natively where the database has the type, else 36 characters. */
		UUID,

		/** A string of at most {@code size} characters. */
		VARCHAR,

		/** An exact number of {@code size} digits, {@code scale} of them after the point. */
		DECIMAL,

		/** The vendor SQL in {@code sql}, written as given. */
		VENDOR

	}

}
