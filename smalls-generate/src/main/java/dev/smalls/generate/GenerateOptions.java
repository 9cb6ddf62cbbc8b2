package dev.smalls.generate;

/**
 * What {@link MigrationGenerator#generate} may do beyond its safe default, and what
 * {@link MigrationGenerator#check} counts alike.
 *
 * @param allowDrop write the drops of tables and columns the model no longer has (and of
 * indexes and foreign keys it no longer declares) as operations; without it they are written
 * as comments, because dropping loses data. A check lists them either way, as operations or as
 * withheld
 * @param ignorePending generate even though migrations are pending, which the generated
 * migration would then repeat; check with them pending, against the database as it is
 */
public record GenerateOptions(boolean allowDrop, boolean ignorePending) {

	/**
	 * The safe default: no drops, and nothing while migrations are pending.
	 * @return the options
	 */
	public static GenerateOptions defaults() {
		return new GenerateOptions(false, false);
	}

	/**
	 * The same options, with drops written as operations.
	 * @return the options
	 */
	public GenerateOptions withAllowDrop() {
		return new GenerateOptions(true, this.ignorePending);
	}

	/**
	 * The same options, generating even while migrations are pending.
	 * @return the options
	 */
	public GenerateOptions withIgnorePending() {
		return new GenerateOptions(this.allowDrop, true);
	}

}
