package dev.smalls.autoconfigure;

/**
 * {@code smalls.instances} cannot be set up as configured: a misspelled key, an instance
 * without a database, a migration two instances claim. Raised before anything runs;
 * {@link SmallsInstancesFailureAnalyzer} reports it with what to change.
 */
final class InstanceConfigurationException extends RuntimeException {

	private final String action;

	InstanceConfigurationException(String message, String action) {
		super(message);
		this.action = action;
	}

	String getAction() {
		return this.action;
	}

}
