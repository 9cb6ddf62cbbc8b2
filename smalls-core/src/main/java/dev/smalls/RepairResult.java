package dev.smalls;

import java.util.List;

/**
 * What {@link SmallsMigrator#repair(int)} did to an interrupted migration.
 *
 * @param sequence the migration's sequence
 * @param name its name
 * @param undone the operations it undid (for an interrupted migrate) or redid (for an
 * interrupted rollback), in the order it did so, each as {@code "2. addColumn users.email"}
 * @param applied whether the migration is now recorded as applied: {@code false} after an
 * interrupted migrate (run migrate to apply it), {@code true} after an interrupted rollback
 * (roll back again to undo it)
 * @param forgotten whether the migration was one of code, whose work smalls cannot undo:
 * repair only forgot that it was interrupted, once a person had put the database right
 */
public record RepairResult(int sequence, String name, List<String> undone, boolean applied, boolean forgotten) {

	public RepairResult {
		undone = List.copyOf(undone);
	}

	/**
	 * What repair did to an interrupted schema migration.
	 * @param sequence the migration's sequence
	 * @param name its name
	 * @param undone the operations it undid or redid
	 * @param applied whether the migration is now recorded as applied
	 */
	public RepairResult(int sequence, String name, List<String> undone, boolean applied) {
		this(sequence, name, undone, applied, false);
	}

	/**
	 * The migration as people see it, e.g. {@code 0005_add_tags}.
	 * @return the display name
	 */
	public String displayName() {
		return MigrationNames.display(this.sequence, this.name);
	}

}
