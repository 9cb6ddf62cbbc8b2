package dev.smalls.schema;

/**
 * Where a running schema migration is, told as it goes, so that a run that is killed
 * half-way can be recognised and repaired: a migrator passes a {@link Listener} to
 * {@link SchemaPlan#run(org.springframework.jdbc.core.JdbcTemplate, dev.smalls.dialect.SmallsDialect, int, int, Listener)},
 * records what it hears where it survives the process, and after a kill asks
 * {@link SchemaPlan#stateOf} which operations took effect and {@link SchemaPlan#run} to undo
 * exactly those.
 * <p>
 * Progress is told as a range of <em>states</em>: state {@code k} means operations 1 to
 * {@code k} are in effect and the others are not. It is told only where each operation
 * commits as it completes (DDL that commits at once, as on MariaDB, MySQL, H2 and HSQLDB, or a
 * connection in auto-commit mode); where the migration's transaction holds all its operations,
 * a killed process leaves none of them and there is nothing to tell.
 */
public final class SchemaProgress {

	/** A listener that ignores everything. */
	public static final Listener NONE = (certain, possible) -> {
	};

	private SchemaProgress() {
	}

	/**
	 * Told each time the range of states the database may be in changes.
	 */
	@FunctionalInterface
	public interface Listener {

		/**
		 * The database is now in a state from {@code certain} to {@code possible}: operations
		 * 1 to {@code certain} are in effect for good, operations after {@code possible} are
		 * not, and the one between, when {@code possible > certain}, is being applied or undone
		 * and may or may not be in effect if the process dies now. When the two are equal the
		 * state is known. States count operations in the order the migration recorded them,
		 * whether it is being applied, rolled back or undone.
		 * @param certain the lowest state the database may be in
		 * @param possible the highest state it may be in
		 */
		void progressed(int certain, int possible);

	}

}
