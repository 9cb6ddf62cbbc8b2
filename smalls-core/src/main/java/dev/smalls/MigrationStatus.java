package dev.smalls;

import java.util.List;

/**
 * Every migration known to the code or to the database, in sequence order.
 *
 * @param current the highest applied sequence, 0 when nothing is applied
 * @param migrations the migrations, in sequence order
 * @param notes what else in the database a person should look at, in sentences: e.g. a
 * table the database itself left behind when a killed process interrupted its DDL
 */
public record MigrationStatus(int current, List<MigrationInfo> migrations, List<String> notes) {

	public MigrationStatus {
		migrations = List.copyOf(migrations);
		notes = List.copyOf(notes);
	}

	/**
	 * A status with nothing else to note.
	 * @param current the highest applied sequence
	 * @param migrations the migrations, in sequence order
	 */
	public MigrationStatus(int current, List<MigrationInfo> migrations) {
		this(current, migrations, List.of());
	}

	/**
	 * The migrations in the given state.
	 * @param state the state
	 * @return the migrations in that state, in sequence order
	 */
	public List<MigrationInfo> inState(MigrationState state) {
		return this.migrations.stream().filter((migration) -> migration.state() == state).toList();
	}

	/**
	 * How many migrations are pending.
	 * @return the number of pending migrations
	 */
	public int pendingCount() {
		return inState(MigrationState.PENDING).size();
	}

}
