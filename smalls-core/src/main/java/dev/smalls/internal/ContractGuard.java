package dev.smalls.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import dev.smalls.Contract;
import dev.smalls.MigrationNames;
import dev.smalls.RunningInstance;
import dev.smalls.SmallsMigration;
import dev.smalls.SmallsValidationException;
import dev.smalls.SmallsValidationException.Problem;
import dev.smalls.schema.SchemaMigration;
import dev.smalls.schema.SchemaPlan;

/**
 * The running instances of the application ({@code <history>_instances}), and the check a
 * migrate makes before a contract step ({@link Contract}): no live instance may still map
 * what the step removes. Internal: not for use outside smalls.
 */
final class ContractGuard {

	private final String table;

	ContractGuard(String table) {
		this.table = table;
	}

	String table() {
		return this.table;
	}

	/** Record an instance, or record it again (its row went away), with a heartbeat now. */
	void announce(Connection connection, String id, String release, Set<String> mapped, Instant now)
			throws SQLException {
		try (PreparedStatement update = connection.prepareStatement("UPDATE " + this.table
				+ " SET release_name = ?, mapped = ?, heartbeat_at = ? WHERE instance_id = ?")) {
			update.setString(1, release);
			update.setString(2, String.join(",", mapped));
			update.setTimestamp(3, Timestamp.from(now));
			update.setString(4, id);
			if (update.executeUpdate() == 1) {
				return;
			}
		}
		try (PreparedStatement insert = connection.prepareStatement("INSERT INTO " + this.table
				+ " (instance_id, release_name, mapped, started_at, heartbeat_at) VALUES (?, ?, ?, ?, ?)")) {
			insert.setString(1, id);
			insert.setString(2, release);
			insert.setString(3, String.join(",", mapped));
			insert.setTimestamp(4, Timestamp.from(now));
			insert.setTimestamp(5, Timestamp.from(now));
			insert.executeUpdate();
		}
	}

	/** Whether the instance's row is there, its heartbeat now. */
	boolean heartbeat(Connection connection, String id, Instant now) throws SQLException {
		try (PreparedStatement update = connection
			.prepareStatement("UPDATE " + this.table + " SET heartbeat_at = ? WHERE instance_id = ?")) {
			update.setTimestamp(1, Timestamp.from(now));
			update.setString(2, id);
			return update.executeUpdate() == 1;
		}
	}

	void leave(Connection connection, String id) throws SQLException {
		try (PreparedStatement delete = connection
			.prepareStatement("DELETE FROM " + this.table + " WHERE instance_id = ?")) {
			delete.setString(1, id);
			delete.executeUpdate();
		}
	}

	/** The instances whose heartbeat is after {@code aliveSince}; the others' rows are deleted. */
	List<RunningInstance> running(Connection connection, Instant aliveSince) throws SQLException {
		List<RunningInstance> running = new ArrayList<>();
		try (PreparedStatement query = connection.prepareStatement("SELECT instance_id, release_name, mapped, "
				+ "started_at, heartbeat_at FROM " + this.table + " ORDER BY started_at, instance_id");
				ResultSet rows = query.executeQuery()) {
			while (rows.next()) {
				Instant heartbeat = rows.getTimestamp(5).toInstant();
				if (!heartbeat.isBefore(aliveSince)) {
					String mapped = rows.getString(3);
					running.add(new RunningInstance(rows.getString(1), rows.getString(2),
							mapped.isEmpty() ? List.of() : Arrays.asList(mapped.split(",")),
							rows.getTimestamp(4).toInstant(), heartbeat));
				}
			}
		}
		return running;
	}

	/**
	 * What a migration removes, if it is a contract step.
	 * @return {@code table} and {@code table.column} names, empty for a migration not marked
	 */
	static Set<String> removedBy(SmallsMigration migration) {
		Class<?> type = (migration instanceof Wrapped wrapped) ? wrapped.declaringClass() : migration.getClass();
		Contract contract = type.getAnnotation(Contract.class);
		if (contract == null) {
			return Set.of();
		}
		Set<String> removed = new LinkedHashSet<>();
		if (migration instanceof SchemaMigration schema) {
			removed.addAll(SchemaPlan.of(schema).removes());
		}
		for (String name : contract.value()) {
			removed.add(name.toLowerCase(Locale.ROOT));
		}
		return removed;
	}

	/**
	 * Which running instances use which of the names a contract step removes.
	 * @return by instance, the names of its in the way; empty when none is
	 */
	static Map<RunningInstance, List<String>> inTheWay(List<RunningInstance> running, Set<String> removed) {
		Map<RunningInstance, List<String>> inTheWay = new LinkedHashMap<>();
		for (RunningInstance instance : running) {
			Set<String> names = new LinkedHashSet<>();
			removed.forEach((name) -> names.addAll(instance.uses(name)));
			if (!names.isEmpty()) {
				inTheWay.put(instance, List.copyOf(names));
			}
		}
		return inTheWay;
	}

	/**
	 * Before a contract step: wait, up to {@code wait}, while a running instance maps what it
	 * removes, then refuse.
	 * @throws SmallsValidationException naming the instances and names in the way
	 */
	static void waitUntilUnused(int sequence, String name, Set<String> removed,
			Supplier<List<RunningInstance>> running, Duration wait, Duration instanceTimeout) {
		long started = System.nanoTime();
		long deadline = started + wait.toNanos();
		while (true) {
			Map<RunningInstance, List<String>> inTheWay = inTheWay(running.get(), removed);
			if (inTheWay.isEmpty()) {
				return;
			}
			if (System.nanoTime() >= deadline) {
				throw refusal(sequence, name, inTheWay, wait.isZero() ? Duration.ZERO
						: Duration.ofNanos(System.nanoTime() - started), instanceTimeout);
			}
			RunSession.Logging.logger.info("smalls: " + MigrationNames.display(sequence, name) + " waits for "
					+ inTheWay.size() + " running instance(s) that map what it removes: "
					+ String.join(", ", inTheWay.keySet().stream().map(RunningInstance::id).toList()));
			try {
				Thread.sleep(Math.min(1000, Math.max(1, (deadline - System.nanoTime()) / 1_000_000)));
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw refusal(sequence, name, inTheWay, Duration.ofNanos(System.nanoTime() - started), instanceTimeout);
			}
		}
	}

	static SmallsValidationException refusal(int sequence, String name, Map<RunningInstance, List<String>> inTheWay,
			Duration waited, Duration instanceTimeout) {
		List<String> instances = new ArrayList<>();
		Instant now = Instant.now();
		inTheWay.forEach((instance, names) -> instances.add(instance.id() + " (release " + instance.release()
				+ ", heartbeat " + Math.max(0, Duration.between(instance.heartbeatAt(), now).toSeconds())
				+ " s ago) maps " + String.join(", ", names)));
		return new SmallsValidationException(Problem.CONTRACT_IN_USE, List.of(sequence),
				MigrationNames.display(sequence, name) + " is a contract step, and " + inTheWay.size()
						+ ((inTheWay.size() == 1) ? " running instance still maps" : " running instances still map")
						+ " what it removes: " + String.join("; ", instances)
						+ (waited.isZero() ? "" : " (waited " + waited.toSeconds() + " s)")
						+ ". Nothing was run.",
				"Stop those instances first (deploy the release that no longer maps these names everywhere), "
						+ "then migrate again: an instance that stopped without saying so counts until its heartbeat "
						+ "is " + instanceTimeout.toSeconds() + " s old. To have migrate wait for them, set "
						+ "smalls.contract.wait (SmallsMigrator.Builder.contractWait).");
	}

}
