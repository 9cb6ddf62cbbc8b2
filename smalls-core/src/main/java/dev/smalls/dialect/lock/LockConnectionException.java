package dev.smalls.dialect.lock;

import java.sql.SQLException;

/**
 * A lock that needs a connection of its own could not get one: typically a pool of one
 * connection, which the run already holds.
 */
public class LockConnectionException extends SQLException {

	public LockConnectionException(String message, SQLException cause) {
		super(message, cause.getSQLState(), cause);
	}

}
