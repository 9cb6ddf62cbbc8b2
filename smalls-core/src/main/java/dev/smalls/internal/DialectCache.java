package dev.smalls.internal;

import java.sql.Connection;
import java.sql.SQLException;

import org.jspecify.annotations.Nullable;

import dev.smalls.SmallsException;
import dev.smalls.dialect.SmallsDialect;
import dev.smalls.dialect.SmallsDialects;

/**
 * The dialect of the migrated database: the one given, or the one detected on the first
 * connection and kept.
 */
final class DialectCache {

	private volatile @Nullable SmallsDialect dialect;

	DialectCache(@Nullable SmallsDialect given) {
		this.dialect = given;
	}

	SmallsDialect get(Connection connection) throws SQLException {
		SmallsDialect known = this.dialect;
		if (known == null) {
			try {
				known = SmallsDialects.detect(connection);
			}
			catch (SmallsDialects.UnsupportedDatabaseException ex) {
				throw new SmallsException(ex.getMessage() + ".", "Give smalls a dialect for this database.", ex);
			}
			this.dialect = known;
		}
		return known;
	}

}
