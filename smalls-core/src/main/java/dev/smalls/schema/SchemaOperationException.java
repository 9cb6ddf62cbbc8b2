package dev.smalls.schema;

import java.util.List;

import dev.smalls.SmallsException;

/**
 * An operation of a schema migration failed. Where the database commits each operation at
 * once, smalls has already moved the schema back to where the run started by the inverses of
 * what it did, and {@link #getState()} says where the schema is if that failed too; where the
 * migration's transaction holds every operation, rolling it back leaves nothing.
 */
public class SchemaOperationException extends SmallsException {

	private final int operation;

	private final String description;

	private final List<String> reversed;

	private final int state;

	private final boolean restored;

	public SchemaOperationException(String message, String action, Throwable cause, int operation, String description,
			List<String> reversed, int state, boolean restored) {
		super(message, action, cause);
		this.operation = operation;
		this.description = description;
		this.reversed = List.copyOf(reversed);
		this.state = state;
		this.restored = restored;
	}

	/**
	 * The operation that failed, counted from 1 in the order the migration recorded it.
	 * @return its number
	 */
	public int getOperation() {
		return this.operation;
	}

	/**
	 * The operation that failed, as the migration wrote it.
	 * @return e.g. {@code addIndex users_email_idx on users (email)}
	 */
	public String getDescription() {
		return this.description;
	}

	/**
	 * The operations smalls reversed after the failure, in the order it reversed them, each as
	 * {@code "2. addColumn users.email VARCHAR(200)"}; empty where the transaction did it.
	 * @return what was reversed
	 */
	public List<String> getReversed() {
		return this.reversed;
	}

	/**
	 * The state the schema is left in: operations 1 to this number are in effect. When the
	 * schema was {@linkplain #isRestored() restored}, the state the run started from.
	 * @return the state
	 */
	public int getState() {
		return this.state;
	}

	/**
	 * Whether the schema is as it was before the run: by its transaction's rollback, or by the
	 * inverses smalls ran.
	 * @return {@code false} if reversing failed too and the schema is in between
	 */
	public boolean isRestored() {
		return this.restored;
	}

}
