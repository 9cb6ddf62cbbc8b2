package dev.smalls.autoconfigure;

import dev.smalls.SmallsException;

/**
 * A failure of one instance's start-up migration, naming the instance: with several
 * databases, "migration 3 failed" alone does not say which.
 */
final class InstanceMigrationException extends RuntimeException {

	private final String instance;

	InstanceMigrationException(String instance, SmallsException cause) {
		super("smalls instance '" + instance + "': " + cause.getMessage(), cause);
		this.instance = instance;
	}

	String getInstance() {
		return this.instance;
	}

	@Override
	public synchronized SmallsException getCause() {
		return (SmallsException) super.getCause();
	}

}
