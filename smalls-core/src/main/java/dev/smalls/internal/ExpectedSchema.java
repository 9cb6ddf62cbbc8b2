package dev.smalls.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.jspecify.annotations.Nullable;

import dev.smalls.dialect.SmallsDialect;
import dev.smalls.dialect.SmallsTables;
import dev.smalls.schema.SchemaSnapshot;
import dev.smalls.schema.SchemaSnapshot.Table;

/**
 * The schema as the history says it should be, kept in {@code <history>_schema}, a row per
 * table: what a drift check compares the live schema with. A run that changed something
 * reads the live schema before its first step and after its last; the tables that differ
 * between the two are the run's work, and only their rows are written. A table the run did
 * not touch keeps its recorded definition, so a hand change made before the run is still
 * reported afterwards rather than taken for the run's. The first recording takes the live
 * schema as it is. A marker row says that a recording exists (an empty schema is a schema).
 * The table is created by the first recording.
 * Internal: not for use outside smalls.
 */
final class ExpectedSchema {

	/** The marker row's name: no table is called that. */
	private static final String MARKER = ".";

	private final SmallsTables tables;

	private final SmallsDialect dialect;

	ExpectedSchema(SmallsTables tables, SmallsDialect dialect) {
		this.tables = tables;
		this.dialect = dialect;
	}

	/**
	 * The recorded schema.
	 * @param connection a connection to the migrated schema
	 * @return it, or {@code null} if none was recorded (or the table is not there yet)
	 * @throws SQLException if it cannot be read
	 */
	@Nullable Recorded read(Connection connection) throws SQLException {
		if (!this.dialect.hasTable(connection, this.tables.schema())) {
			return null;
		}
		List<Table> read = new ArrayList<>();
		Instant recordedAt = null;
		try (Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery("SELECT table_name, definition, recorded_at FROM "
						+ this.tables.schema())) {
			while (rows.next()) {
				if (MARKER.equals(rows.getString(1))) {
					Timestamp at = rows.getTimestamp(3);
					recordedAt = (at != null) ? at.toInstant() : Instant.EPOCH;
				}
				else {
					read.add(Table.decode(rows.getString(2)));
				}
			}
		}
		return (recordedAt != null) ? new Recorded(SchemaSnapshot.of(read), recordedAt) : null;
	}

	/**
	 * The live schema, without smalls' own tables.
	 * @param connection a connection to the migrated schema
	 * @return the snapshot
	 * @throws SQLException if it cannot be read
	 */
	SchemaSnapshot live(Connection connection) throws SQLException {
		return SchemaSnapshot.read(connection).without(this.tables);
	}

	/**
	 * Record what a run did.
	 * @param connection a connection to the migrated schema, under the lock
	 * @param recorded what was recorded before, or {@code null}
	 * @param before the live schema before the run's first step, or {@code null} if nothing
	 * was recorded before it
	 * @param after the live schema after its last
	 * @return how many tables' rows were written
	 * @throws SQLException on failure
	 */
	int record(Connection connection, @Nullable Recorded recorded, @Nullable SchemaSnapshot before,
			SchemaSnapshot after) throws SQLException {
		Map<String, @Nullable Table> changed = new LinkedHashMap<>();
		if (!this.dialect.hasTable(connection, this.tables.schema())) {
			// Made when first needed: recording is opt-in, and an application that never records
			// should not pay for a table at every new database or tenant.
			execute(connection, this.tables.createSchema(this.dialect.timestampType(), this.dialect.textType()));
		}
		if (recorded == null || before == null) {
			execute(connection, "DELETE FROM " + this.tables.schema());
			after.tables().forEach((table) -> changed.put(table.name(), table));
			changed.put(MARKER, null);
		}
		else {
			Set<String> names = new TreeSet<>();
			before.tables().forEach((table) -> names.add(key(table.name())));
			after.tables().forEach((table) -> names.add(key(table.name())));
			for (String name : names) {
				Table was = before.table(name);
				Table now = after.table(name);
				if (!same(was, now)) {
					Table old = recorded.schema().table(name);
					if (old != null) {
						changed.put(old.name(), null);
					}
					if (now != null) {
						changed.put(now.name(), now);
					}
				}
			}
			changed.put(MARKER, null);
		}
		write(connection, changed);
		return changed.size() - 1;
	}

	/**
	 * Record the live schema as it is, after a person checked its drift.
	 * @param connection a connection to the migrated schema, under the lock
	 * @param live the live schema
	 * @throws SQLException on failure
	 */
	void accept(Connection connection, SchemaSnapshot live) throws SQLException {
		record(connection, null, null, live);
	}

	private void write(Connection connection, Map<String, @Nullable Table> changed) throws SQLException {
		Timestamp now = Timestamp.from(Instant.now());
		try (PreparedStatement delete = connection.prepareStatement("DELETE FROM " + this.tables.schema()
				+ " WHERE table_name = ?");
				PreparedStatement insert = connection.prepareStatement("INSERT INTO " + this.tables.schema()
						+ " (table_name, definition, recorded_at) VALUES (?, ?, ?)")) {
			for (String name : changed.keySet()) {
				delete.setString(1, name);
				delete.addBatch();
			}
			delete.executeBatch();
			for (Map.Entry<String, @Nullable Table> entry : changed.entrySet()) {
				Table table = entry.getValue();
				if (table != null || entry.getKey().equals(MARKER)) {
					insert.setString(1, entry.getKey());
					insert.setString(2, (table != null) ? table.encode() : "recorded");
					insert.setTimestamp(3, now);
					insert.addBatch();
				}
			}
			insert.executeBatch();
		}
	}

	private static boolean same(@Nullable Table was, @Nullable Table now) {
		if (was == null || now == null) {
			return was == now;
		}
		return SchemaSnapshot.of(List.of(now)).differencesFrom(SchemaSnapshot.of(List.of(was))).isEmpty();
	}

	private static void execute(Connection connection, String sql) throws SQLException {
		try (Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
	}

	private static String key(String name) {
		return name.toLowerCase(Locale.ROOT);
	}

	/**
	 * A recorded schema.
	 *
	 * @param schema its tables
	 * @param recordedAt when it was last written
	 */
	record Recorded(SchemaSnapshot schema, Instant recordedAt) {
	}

}
