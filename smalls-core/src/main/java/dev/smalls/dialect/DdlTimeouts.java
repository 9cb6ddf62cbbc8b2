package dev.smalls.dialect;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * How a database bounds a migration step's waits for locks and its statements, tells a lock
 * timeout from other failures, and names the sessions that held a lock a step gave up on
 * (the {@code smalls.ddl.*} settings). Applied to migration steps only, never to smalls' own
 * statements between them, and never left on a connection handed back to its pool.
 * <p>
 * Where the database keeps the limits with a transaction (PostgreSQL), the
 * {@link StepStatements} set them as each transactional step begins and they end with it:
 * {@link #apply} then changes nothing for such a step. Where it keeps them in the session
 * (MariaDB/MySQL; PostgreSQL outside a transaction), {@link #apply} reads the values the
 * session has, sets the step's, and {@link #restore} puts the old ones back after the step.
 * The default does nothing: the limits are ignored (H2, HSQLDB, SQLite).
 */
public interface DdlTimeouts {

	/** Limits that are ignored: the default. */
	DdlTimeouts NONE = new DdlTimeouts() {
	};

	/**
	 * Set a step's limits on the run's connection, before the step.
	 * @param connection the run's connection
	 * @param limits the limits
	 * @param inTransaction whether the step runs in a transaction that {@link StepStatements}
	 * begin (and so may set the limits for that transaction alone)
	 * @return what {@link #restore} needs to put the session's values back, or {@code null}
	 * if nothing was changed
	 * @throws SQLException if the database refused
	 */
	default @Nullable Object apply(Connection connection, Limits limits, boolean inTransaction) throws SQLException {
		return null;
	}

	/**
	 * Put back the values {@link #apply} found, after the step (whether it failed or not).
	 * @param connection the run's connection
	 * @param saved what {@code apply} returned
	 * @throws SQLException if the database refused
	 */
	default void restore(Connection connection, Object saved) throws SQLException {
	}

	/**
	 * Whether a failure is a statement that gave up waiting for a lock (the lock timeout).
	 * @param failure an exception in the step's failure's causes
	 * @return {@code true} for a lock timeout
	 */
	default boolean isLockTimeout(SQLException failure) {
		return false;
	}

	/**
	 * The sessions that held a lock a step gave up waiting for: those of this database, other
	 * than {@code connection}'s, holding locks in a transaction open for at least
	 * {@code waited} (so not those that queued behind the step). Asked on the run's connection,
	 * outside any transaction, once the step's is rolled back.
	 * @param connection the run's connection, in auto-commit mode
	 * @param waited how long ago the step began
	 * @return the sessions, longest-open first, at most a few; empty where the database
	 * cannot say
	 * @throws SQLException if they cannot be read
	 */
	default List<Blocker> blockers(Connection connection, Duration waited) throws SQLException {
		return List.of();
	}

	/**
	 * What a step's statements may wait and take.
	 *
	 * @param lockTimeout the longest a statement may wait for a lock, or {@code null}
	 * @param statementTimeout the longest a statement may run, or {@code null}
	 */
	record Limits(@Nullable Duration lockTimeout, @Nullable Duration statementTimeout) {

		/**
		 * Whether there is any limit to set.
		 * @return {@code true} if either is set
		 */
		public boolean any() {
			return this.lockTimeout != null || this.statementTimeout != null;
		}

	}

	/**
	 * A session that held a lock a step waited for.
	 *
	 * @param id the session's id (PostgreSQL's pid, MariaDB's connection id)
	 * @param user who it is logged in as
	 * @param state what it is doing, e.g. {@code idle in transaction}
	 * @param query what it runs, or ran last where the database says so, or {@code null}
	 * @param open how long its transaction has been open
	 * @param end the statement that ends it, e.g. {@code SELECT pg_terminate_backend(4242)}
	 */
	record Blocker(String id, @Nullable String user, @Nullable String state, @Nullable String query, Duration open,
			String end) {

		/**
		 * The session in words, for a message.
		 * @return e.g. {@code session 4242 (user app, idle in transaction, transaction open for 31.2 s, last query:
		 * SELECT ...)}
		 */
		public String describe() {
			StringBuilder text = new StringBuilder("session ").append(this.id).append(" (user ").append(this.user);
			if (this.state != null && !this.state.isBlank()) {
				text.append(", ").append(this.state);
			}
			text.append(", transaction open for ").append(String.format(java.util.Locale.ROOT, "%.1f s",
					this.open.toMillis() / 1000.0));
			String query = (this.query != null) ? this.query.strip().replaceAll("\\s+", " ") : "";
			if (!query.isEmpty()) {
				text.append(", query: ").append((query.length() > 200) ? query.substring(0, 200) + "..." : query);
			}
			return text.append(')').toString();
		}

	}

}
