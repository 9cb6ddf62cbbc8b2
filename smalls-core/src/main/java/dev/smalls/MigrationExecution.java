package dev.smalls;

/**
 * One migration (or rollback) that ran.
 *
 * @param sequence the sequence number
 * @param name the name
 * @param millis how long it took, in milliseconds
 */
public record MigrationExecution(int sequence, String name, long millis) {

	/**
	 * The migration as people see it, e.g. {@code 0001_create_users}.
	 * @return the display name
	 */
	public String displayName() {
		return MigrationNames.display(this.sequence, this.name);
	}

}
