package dev.smalls.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.smalls.InstanceAnnouncement;
import dev.smalls.RunningInstance;

/**
 * This instance's announcement in {@code <history>_instances}, and the reading of the
 * instances running, for the contract guard. Internal: not for use outside smalls.
 */
final class InstanceAnnouncements {

	private final Engine engine;

	private final ContractGuard guard;

	InstanceAnnouncements(Engine engine, ContractGuard guard) {
		this.engine = engine;
		this.guard = guard;
	}

	String table() {
		return this.guard.table();
	}

	/** The running instances; none where the table is not there yet (tables of an older layout). */
	List<RunningInstance> running(Connection connection, RunSession session, Duration timeout) throws SQLException {
		try {
			return this.guard.running(connection, Instant.now().minus(timeout));
		}
		catch (SQLException ex) {
			if (session.dialect().isMissingTable(connection, table(), ex)) {
				return List.of();
			}
			throw ex;
		}
	}

	/**
	 * The running instances, asking first whether the table is there, so that a missing one
	 * does not end the transaction this runs in (under a per-transaction lock).
	 */
	List<RunningInstance> runningIfThere(Connection connection, RunSession session, Duration timeout)
			throws SQLException {
		return session.dialect().hasTable(connection, table())
				? this.guard.running(connection, Instant.now().minus(timeout)) : List.of();
	}

	private boolean tableExists() {
		AtomicBoolean exists = new AtomicBoolean();
		this.engine.withConnection("look for " + table(),
				(connection) -> exists.set(this.engine.dialect(connection).hasTable(connection, table())));
		return exists.get();
	}

	InstanceAnnouncement announce(String id, String release, Set<String> mappedNames) {
		Set<String> mapped = new TreeSet<>();
		mappedNames.forEach((name) -> mapped.add(name.toLowerCase(Locale.ROOT)));
		AtomicBoolean recorded = new AtomicBoolean();
		Runnable record = () -> {
			// A database smalls never migrated gets no tables from an announcement: it is recorded
			// by the first heartbeat after a migrate made them.
			if (!this.engine.migratedBefore()) {
				return;
			}
			this.engine.ensureTable(table(), (dialect) -> new dev.smalls.dialect.SmallsTables(this.engine.table())
				.createInstances(dialect.timestampType(), dialect.textType()));
			this.engine.withConnection("announce this instance in " + table(),
					(connection) -> this.guard.announce(connection, id, release, mapped, Instant.now()));
			recorded.set(true);
		};
		record.run();
		return new InstanceAnnouncement() {

			@Override
			public String id() {
				return id;
			}

			@Override
			public void heartbeat() {
				if (!recorded.get()) {
					record.run();
					return;
				}
				try {
					InstanceAnnouncements.this.engine.withConnection("say that this instance runs, in " + table(),
							(connection) -> {
								if (!InstanceAnnouncements.this.guard.heartbeat(connection, id, Instant.now())) {
									InstanceAnnouncements.this.guard.announce(connection, id, release, mapped,
											Instant.now());
								}
							});
				}
				catch (RuntimeException ex) {
					if (tableExists()) {
						throw ex;
					}
					// Dropped since (by hand, or with the whole database): recorded again as at
					// first, its table made again once smalls has migrated this database.
					recorded.set(false);
					record.run();
				}
			}

			@Override
			public void close() {
				if (recorded.get()) {
					InstanceAnnouncements.this.engine.withConnection("say that this instance stops, in " + table(),
							(connection) -> InstanceAnnouncements.this.guard.leave(connection, id));
				}
			}

		};
	}

}
