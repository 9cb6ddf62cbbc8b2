package dev.smalls.dialect;

import java.sql.SQLException;

/**
 * A held database-wide migration lock. Closing it releases the lock; so does the end of the
 * connection that holds it, which is what keeps a killed process from leaving it behind.
 */
@FunctionalInterface
public interface MigrationLock extends AutoCloseable {

	@Override
	void close() throws SQLException;

}
