package dev.smalls;

/**
 * The migrations in the code, the history in the database, or the request do not fit
 * together. Raised before anything changes: nothing ran.
 */
public class SmallsValidationException extends SmallsException {

	public SmallsValidationException(String message, String action) {
		super(message, action);
	}

}
