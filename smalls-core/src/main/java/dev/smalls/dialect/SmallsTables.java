package dev.smalls.dialect;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * smalls' own tables: their names, all derived from the history table's, their definitions,
 * and the layout they form. Whatever creates, reads or leaves these tables alone (the engine,
 * a schema diff, a drift check) takes them from here.
 * <ul>
 * <li>{@code <history>}: a row per applied migration.</li>
 * <li>{@code <history>_interrupted}: a row per step that may be in effect in part.</li>
 * <li>{@code <history>_layout}: one row saying which {@linkplain #LAYOUT layout} the tables
 * have, so that a newer smalls knows to upgrade them and an older one knows to stop.</li>
 * <li>{@code <history>_schema}: the schema as the history says it should be, a row per
 * table, written when a run that changed something ends (where the schema is recorded):
 * what a drift check compares the live schema with. Created by the first recording.</li>
 * <li>{@code <history>_data}: a row per data migration started, committed with each of its
 * batches: where the next batch starts, how far it got, who runs it.</li>
 * <li>{@code <history>_instances}: a row per running instance that announced itself, its
 * release, what it maps and its heartbeat: what a contract step checks.</li>
 * <li>{@code <history>_lock}: kept by the row lock and the lease. It is part of the lock's
 * protocol, which instances of different smalls releases share during a rolling deploy, so
 * its definition lives with the lock and never changes with the layout.</li>
 * </ul>
 *
 * @param history the history table, optionally schema-qualified
 */
public record SmallsTables(String history) {

	/**
	 * The layout this smalls writes. 1: the history table, and the marks table once a
	 * migration needed one (smalls 0.1). 2: all three tables always, and the layout table.
	 * 3: a checksum column in the history table, which older releases leave empty (an empty
	 * checksum is never taken for an edited migration, so they keep working beside this one),
	 * and the schema table where the schema is recorded (which older releases do not write: a
	 * run of theirs leaves it behind the schema, and the next run of this one writes it again).
	 * 4: an {@code acknowledged} column in the history table: the lint rules a migration's
	 * author acknowledged, with their reasons (older releases leave it empty).
	 * 5: an {@code origin} column in the history table: empty for a migration smalls ran, and
	 * for a row recorded without running anything (a baseline, a migration adopted from Flyway
	 * or Liquibase, later one a squash replaced) where it came from. Older releases see such a
	 * row as an applied migration, missing from the code when it is, which is what it is to
	 * them: they neither run it nor roll it back.
	 * 6: the data table, a row per data migration started: where its next batch starts, its
	 * progress, who runs it; and the instances table, a row per running instance of the
	 * application: its release, what it maps, its heartbeat. Each is created when first needed
	 * (a new database or tenant pays for neither until then), under the lock; older releases
	 * leave both alone.
	 */
	public static final int LAYOUT = 6;

	/**
	 * The oldest layout this smalls can still read and write without upgrading: what it
	 * records as compatible when it upgrades, so that an instance of the previous release
	 * (during a rolling deploy) keeps working if it can.
	 */
	public static final int COMPATIBLE_FROM = 1;

	/** The longest text the history's {@code acknowledged} column holds. */
	public static final int ACKNOWLEDGED_LENGTH = 1000;

	/** The longest text the history's {@code origin} column holds. */
	public static final int ORIGIN_LENGTH = 500;

	private static final String LONGEST_SUFFIX = "_interrupted";

	/** The longest history table name (without its schema): its tables' names must fit too. */
	public static final int MAX_LENGTH = SqlIdentifiers.MAX_LENGTH - LONGEST_SUFFIX.length();

	/** The history table's name unless one is configured. */
	public static final String DEFAULT_HISTORY = "smalls_history";

	/** The tables of the default history table. */
	public static final SmallsTables DEFAULT = new SmallsTables(DEFAULT_HISTORY);

	/**
	 * The tables of a history table.
	 * @param history the history table's name
	 * @throws IllegalArgumentException if it is not a usable name
	 */
	public SmallsTables {
		if (!isValidName(history)) {
			throw new IllegalArgumentException("'" + history + "' is not a usable history table name: use letters, "
					+ "digits and underscores, at most " + MAX_LENGTH + " characters (smalls adds suffixes such as "
					+ LONGEST_SUFFIX + " for its other tables), not starting with a digit, optionally prefixed by a "
					+ "schema and a dot (e.g. app.smalls_history)");
		}
	}

	/**
	 * Whether a name can be used as a history table's.
	 * @param name the name
	 * @return {@code true} for a plain SQL identifier, optionally schema-qualified, short
	 * enough for the other tables' names to fit too
	 */
	public static boolean isValidName(String name) {
		return SqlIdentifiers.isTable(name) && name.length() - name.indexOf('.') - 1 <= MAX_LENGTH;
	}

	/**
	 * The table of marks of migrations that may be in effect in part.
	 * @return {@code <history>_interrupted}
	 */
	public String marks() {
		return this.history + LONGEST_SUFFIX;
	}

	/**
	 * The table that records the tables' layout.
	 * @return {@code <history>_layout}
	 */
	public String layout() {
		return this.history + "_layout";
	}

	/**
	 * The table a row lock or a lease keeps.
	 * @return {@code <history>_lock}
	 */
	public String lock() {
		return this.history + "_lock";
	}

	/**
	 * The table of the schema as the history says it should be.
	 * @return {@code <history>_schema}
	 */
	public String schema() {
		return this.history + "_schema";
	}

	/**
	 * The table of the data migrations' progress.
	 * @return {@code <history>_data}
	 */
	public String data() {
		return this.history + "_data";
	}

	/**
	 * The table of the running instances: each announces its release and what it maps.
	 * @return {@code <history>_instances}
	 */
	public String instances() {
		return this.history + "_instances";
	}

	/**
	 * Every one of smalls' own tables.
	 * @return the history, marks, layout, schema, data, instances and lock tables
	 */
	public List<String> all() {
		return List.of(this.history, marks(), layout(), schema(), data(), instances(), lock());
	}

	/**
	 * The instances table's definition: a row per running instance of the application, its
	 * release, the names it maps (comma-separated) and its heartbeat.
	 * @param timestampType the database's type for a point in time
	 * @param textType the database's type for long text
	 * @return a {@code CREATE TABLE}
	 */
	public String createInstances(String timestampType, String textType) {
		return "CREATE TABLE " + instances() + " (instance_id VARCHAR(255) NOT NULL PRIMARY KEY, release_name "
				+ "VARCHAR(255) NOT NULL, mapped " + textType + " NOT NULL, started_at " + timestampType
				+ " NOT NULL, heartbeat_at " + timestampType + " NOT NULL)";
	}

	/**
	 * The data table's definition: a row per data migration started. {@code state} is one of
	 * {@code RUNNING}, {@code PAUSED}, {@code CANCELLED}, {@code FAILED}, {@code COMPLETE} (the
	 * last batch committed, the history row not yet written) and {@code DONE};
	 * {@code batch_token} is set only inside a batch's transaction, so a committed one means a
	 * batch committed part of its work on its own.
	 * @param timestampType the database's type for a point in time
	 * @return a {@code CREATE TABLE}
	 */
	public String createData(String timestampType) {
		return "CREATE TABLE " + data() + " (sequence_no INT NOT NULL PRIMARY KEY, name VARCHAR(100) NOT NULL, "
				+ "state VARCHAR(20) NOT NULL, resume_at VARCHAR(1000), rows_done BIGINT NOT NULL, "
				+ "rows_total BIGINT NOT NULL, batches BIGINT NOT NULL, failures INT NOT NULL, run_by VARCHAR(255), "
				+ "batch_token VARCHAR(64), heartbeat_at " + timestampType + ", started_at " + timestampType
				+ " NOT NULL, run_started_at " + timestampType + " NOT NULL, run_rows_from BIGINT NOT NULL, "
				+ "updated_at " + timestampType + " NOT NULL, message VARCHAR(1000))";
	}

	/**
	 * The schema table's definition: a row per table, its definition in the text form of
	 * {@code SchemaSnapshot.Table#encode()}.
	 * @param timestampType the database's type for a point in time
	 * @param textType the database's type for long text
	 * @return a {@code CREATE TABLE}
	 */
	public String createSchema(String timestampType, String textType) {
		return "CREATE TABLE " + schema() + " (table_name VARCHAR(255) NOT NULL PRIMARY KEY, definition " + textType
				+ " NOT NULL, recorded_at " + timestampType + " NOT NULL)";
	}

	/**
	 * The history table's definition.
	 * @param timestampType the database's type for a point in time
	 * @return a {@code CREATE TABLE}
	 */
	public String createHistory(String timestampType) {
		return "CREATE TABLE " + this.history + " (sequence_no INT NOT NULL PRIMARY KEY, name VARCHAR(100) NOT NULL, "
				+ "batch INT NOT NULL, applied_at " + timestampType + " NOT NULL, execution_ms BIGINT NOT NULL, "
				+ "applied_by VARCHAR(255) NOT NULL, checksum VARCHAR(100), acknowledged VARCHAR(" + ACKNOWLEDGED_LENGTH
				+ "), origin VARCHAR(" + ORIGIN_LENGTH + "))";
	}

	/**
	 * The marks table's definition.
	 * @param timestampType the database's type for a point in time
	 * @return a {@code CREATE TABLE}
	 */
	public String createMarks(String timestampType) {
		return "CREATE TABLE " + marks() + " (sequence_no INT NOT NULL PRIMARY KEY, name VARCHAR(100) NOT NULL, "
				+ "operation VARCHAR(10) NOT NULL, certain INT NOT NULL, possible INT NOT NULL, "
				+ "fingerprint VARCHAR(64) NOT NULL, started_at " + timestampType + " NOT NULL)";
	}

	/**
	 * The layout table's definition: one row, id 1.
	 * @param timestampType the database's type for a point in time
	 * @return a {@code CREATE TABLE}
	 */
	public String createLayout(String timestampType) {
		return "CREATE TABLE " + layout() + " (id INT NOT NULL PRIMARY KEY, layout INT NOT NULL, "
				+ "compatible_from INT NOT NULL, upgraded_at " + timestampType + " NOT NULL, "
				+ "upgraded_by VARCHAR(255) NOT NULL)";
	}

	/**
	 * The query of the layout row: the layout and the oldest layout a smalls must know to use
	 * the tables.
	 * @return a {@code SELECT} of two integer columns
	 */
	public String selectLayout() {
		return "SELECT layout, compatible_from FROM " + layout() + " WHERE id = 1";
	}

	/**
	 * Records the layout: four parameters, the layout, the oldest compatible one, when and by
	 * whom.
	 * @return an {@code INSERT}
	 */
	public String insertLayout() {
		return "INSERT INTO " + layout() + " (id, layout, compatible_from, upgraded_at, upgraded_by) "
				+ "VALUES (1, ?, ?, ?, ?)";
	}

	/**
	 * Records an upgraded layout, with the parameters of {@link #insertLayout()}.
	 * @return an {@code UPDATE}
	 */
	public String updateLayout() {
		return "UPDATE " + layout() + " SET layout = ?, compatible_from = ?, upgraded_at = ?, upgraded_by = ? "
				+ "WHERE id = 1";
	}

	/**
	 * What changes the tables from the layout before {@code layout} to {@code layout}, beyond
	 * creating the tables that layout has and the one before had not.
	 * @param layout the layout upgraded to, 2 to {@link #LAYOUT}
	 * @param timestampType the database's type for a point in time
	 * @return the statements, in order, empty if creating tables is all it takes
	 */
	public List<String> upgradeTo(int layout, String timestampType) {
		// 2: the marks and layout tables, created as missing tables (6's, when first needed).
		// Later layouts add their columns here (ALTER TABLE ... ADD ...), each a step from the
		// one before.
		if (layout == 3) {
			return List.of("ALTER TABLE " + this.history + " ADD COLUMN checksum VARCHAR(100)");
		}
		if (layout == 4) {
			return List.of("ALTER TABLE " + this.history + " ADD COLUMN acknowledged VARCHAR(" + ACKNOWLEDGED_LENGTH
					+ ")");
		}
		if (layout == 5) {
			return List.of("ALTER TABLE " + this.history + " ADD COLUMN origin VARCHAR(" + ORIGIN_LENGTH + ")");
		}
		return List.of();
	}

	/**
	 * A query that succeeds only once the upgrade to {@code layout} is in effect: where DDL
	 * commits at once, an upgrade cut short before its layout was recorded is found done by
	 * the next run, which then does not repeat it.
	 * @param layout the layout upgraded to
	 * @return a {@code SELECT} that returns no rows, or {@code null} if there is nothing to
	 * check
	 */
	public @Nullable String upgradedProbe(int layout) {
		return switch (layout) {
			case 3 -> "SELECT checksum FROM " + this.history + " WHERE 1 = 0";
			case 4 -> "SELECT acknowledged FROM " + this.history + " WHERE 1 = 0";
			case 5 -> "SELECT origin FROM " + this.history + " WHERE 1 = 0";
			default -> null;
		};
	}

}
