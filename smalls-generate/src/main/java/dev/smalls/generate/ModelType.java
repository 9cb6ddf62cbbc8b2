package dev.smalls.generate;

import org.jspecify.annotations.Nullable;

import dev.smalls.schema.ColumnType;

/**
 * The type a column is written with, and why, when it is not a portable one.
 *
 * @param type the type
 * @param note why it is written as given, for a comment beside it; {@code null} for a
 * portable type
 */
record ModelType(ColumnType type, @Nullable String note) {

	static ModelType portable(ColumnType type) {
		return new ModelType(type, null);
	}

}
