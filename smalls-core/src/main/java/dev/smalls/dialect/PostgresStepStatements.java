package dev.smalls.dialect;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import dev.smalls.dialect.lock.MigrationLock;

/**
 * PostgreSQL's step statements: one round trip to begin a step and one to end and commit it,
 * as plain JDBC would need, however much they check.
 * <p>
 * {@link #enter} takes the transaction lock ({@code pg_try_advisory_xact_lock}) where each
 * transaction takes it, and sets, for the transaction only ({@code set_config(.., true)} and
 * {@code SET LOCAL}, which a pooler in transaction mode keeps with the transaction): a token
 * that identifies the transaction, the tenant's {@code search_path}, a statement timeout, a
 * lock timeout and,
 * on PostgreSQL 14 and later, {@code client_connection_check_interval}, so that a backend whose
 * client was killed in the middle of a long statement ends it (and frees the lock) within a
 * second or so instead of running it to the end. In the same round trip, a second statement
 * (with a snapshot taken after the lock) writes the step's mark, and only if the step is still
 * what the plan said.
 * <p>
 * {@link #finish} is one statement and {@code COMMIT}, sent together (and, when the run has a
 * next step, {@code BEGIN} and that step's entry too, in the same round trip): the statement removes the
 * mark, checks, and writes the history change, and fails (so that the commit is skipped and the
 * transaction aborts) unless the token is still set, i.e. the transaction is the one
 * {@code enter} began, the mark was there, and, for a lock the run holds, the lock's condition
 * holds. The driver knows the transaction is over, and the commit Spring sends afterwards is
 * not sent.
 */
final class PostgresStepStatements implements StepStatements {

	/** SQL states raised on purpose by {@link #finish}'s check, one per reason. */
	private static final String TRANSACTION_ENDED = "2201E";

	private static final String LOCK_LOST = "2201F";

	private static final String ROW_GONE = "22012";

	private final Settings settings;

	private final MigrationLock lock;

	private final @Nullable String takeLock;

	private final Map<String, PreparedStatement> prepared = new HashMap<>();

	/**
	 * The SQL of each shape of round trip, built once per run: what a step sends depends only
	 * on its kind, the next step's kind and whether it writes its mark, and the run's settings.
	 */
	private final Map<Integer, String> sql = new HashMap<>();

	private int serverVersion = -1;

	private @Nullable String transactionSettings;

	PostgresStepStatements(Settings settings, MigrationLock lock) {
		this.settings = settings;
		this.lock = lock;
		this.takeLock = lock.takeInTransaction();
	}

	@Override
	public Entry enter(Connection connection, Step step) throws SQLException {
		PreparedStatement statement = prepare(connection, shape(connection, step, null, true));
		bindEnter(statement, 1, step);
		statement.execute();
		return readEntry(statement, step);
	}

	/**
	 * The statements that begin a step: the lock and the transaction's settings in one, then
	 * the mark (or the facts the plan rests on).
	 */
	private String enterSql(Connection connection, Step step) throws SQLException {
		boolean facts = this.takeLock != null && step.kind() != Kind.OTHER;
		String where = ((this.takeLock != null) ? this.takeLock : "true") + (facts ? facts(step.kind()) : "");
		StringBuilder sql = new StringBuilder("SELECT ").append((this.takeLock != null) ? this.takeLock : "true")
			.append(", set_config('smalls.step', ?, true)").append(transactionSettings(connection));
		if (step.markInTransaction()) {
			// A snapshot of its own, taken after the lock: it sees what the last holder committed.
			sql.append("; INSERT INTO ").append(this.settings.marksTable())
				.append(" (sequence_no, name, operation, certain, possible, fingerprint, started_at) SELECT CAST(? AS INT),"
						+ " CAST(? AS VARCHAR), CAST(? AS VARCHAR), CAST(? AS INT), CAST(? AS INT), CAST(? AS VARCHAR),"
						+ " CAST(? AS TIMESTAMP) WHERE ")
				.append(where);
		}
		else {
			if (facts) {
				sql.append("; SELECT ").append(where);
			}
			// A transaction that only holds the lock while others work (a migration that is not
			// transactional runs on another connection) ends with a statement that takes no
			// snapshot, so that it keeps none: one kept would hold up CREATE INDEX CONCURRENTLY.
			sql.append("; SET LOCAL smalls.entered = 'true'");
		}
		return sql.toString();
	}

	/** Bind the parameters of {@link #enterSql} from {@code first} on. */
	private void bindEnter(PreparedStatement statement, int first, Step step) throws SQLException {
		int parameter = first;
		statement.setString(parameter++, step.token());
		if (step.markInTransaction()) {
			parameter = PortableStepStatements.bindMarkFields(statement, parameter, step);
			statement.setObject(parameter++, localTime(Instant.now()));
		}
		if (this.takeLock != null && step.kind() != Kind.OTHER) {
			statement.setInt(parameter++, step.sequence());
			statement.setInt(parameter, step.sequence());
		}
	}

	/** What the statements of {@link #enterSql} found, from the statement's current result on. */
	private Entry readEntry(PreparedStatement statement, Step step) throws SQLException {
		boolean facts = this.takeLock != null && step.kind() != Kind.OTHER;
		boolean locked;
		try (ResultSet first = statement.getResultSet()) {
			first.next();
			locked = first.getBoolean(1);
		}
		boolean go = true;
		if (step.markInTransaction()) {
			statement.getMoreResults();
			go = statement.getUpdateCount() == 1;
		}
		else if (facts && statement.getMoreResults()) {
			try (ResultSet second = statement.getResultSet()) {
				go = second.next() && second.getBoolean(1);
			}
		}
		if (!locked) {
			return Entry.LOCKED;
		}
		return go ? Entry.GO : Entry.CHANGED;
	}

	/**
	 * The transaction's own settings, the same for every step of the run, as more columns of
	 * the statement that takes the lock: the values are a validated identifier and numbers,
	 * written into the statement.
	 */
	private String transactionSettings(Connection connection) throws SQLException {
		String settings = this.transactionSettings;
		if (settings == null) {
			StringBuilder sql = new StringBuilder();
			if (this.settings.schema() != null) {
				sql.append(", set_config('search_path', '").append(this.settings.schema()).append("', true)");
			}
			if (this.settings.statementTimeout() != null) {
				sql.append(", set_config('statement_timeout', '")
					.append(Math.max(1, this.settings.statementTimeout().toMillis()))
					.append("', true)");
			}
			if (this.settings.lockTimeout() != null) {
				sql.append(", set_config('lock_timeout', '")
					.append(PostgresDdlTimeouts.millis(this.settings.lockTimeout()))
					.append("', true)");
			}
			if (serverVersion(connection) >= 14) {
				sql.append(", set_config('client_connection_check_interval', '1000', true)");
			}
			settings = sql.toString();
			this.transactionSettings = settings;
		}
		return settings;
	}

	/** Still pending (migrate) or still applied (rollback), and not interrupted. */
	private String facts(Kind kind) {
		return " AND " + ((kind == Kind.MIGRATE) ? "NOT " : "") + "EXISTS (SELECT 1 FROM "
				+ this.settings.historyTable() + " WHERE sequence_no = ?) AND NOT EXISTS (SELECT 1 FROM "
				+ this.settings.marksTable() + " WHERE sequence_no = ?)";
	}

	@Override
	public void finish(Connection connection, Step step, Instant appliedAt, long executionMillis) throws SQLException {
		finishAndEnter(connection, step, appliedAt, executionMillis, null);
	}

	/**
	 * End a step and, in the same round trip, begin the next: {@code COMMIT; BEGIN;} and the
	 * next step's entry after the statement that records this one. A run of many migrations
	 * then sends one round trip between two migrations' work, not two or three.
	 */
	@Override
	public @Nullable Entry finishAndEnter(Connection connection, Step step, Instant appliedAt, long executionMillis,
			@Nullable Step next) throws SQLException {
		String condition = this.lock.heldCondition();
		if (condition == null && this.takeLock == null) {
			// A lease: renewed in this transaction, or found lost.
			PortableStepStatements.verify(this.lock, connection);
		}
		PreparedStatement statement = prepare(connection, shape(connection, step, next, false));
		int parameter = bindFinish(statement, step, appliedAt, executionMillis);
		if (next != null) {
			bindEnter(statement, parameter, next);
		}
		try {
			statement.execute();
		}
		catch (SQLException ex) {
			throw checked(ex, condition);
		}
		if (next == null) {
			return null;
		}
		// The finishing statement's result, COMMIT's and BEGIN's come first.
		for (int i = 0; i < 3; i++) {
			statement.getMoreResults();
		}
		return readEntry(statement, next);
	}

	@Override
	public boolean commitsInFinish() {
		return true;
	}

	/**
	 * The SQL of a round trip, built the first time the run needs its shape: entering
	 * {@code step}, or finishing it (and committing) and entering {@code next}.
	 */
	private String shape(Connection connection, Step step, @Nullable Step next, boolean enter) throws SQLException {
		int key = (enter ? 1 : 0) | (step.kind().ordinal() << 1) | ((step.markInTransaction() ? 1 : 0) << 3)
				| ((next != null) ? (1 + next.kind().ordinal() * 2 + (next.markInTransaction() ? 1 : 0)) << 4 : 0);
		String sql = this.sql.get(key);
		if (sql == null) {
			sql = enter ? enterSql(connection, step) : finishSql(step, this.lock.heldCondition()) + "; COMMIT"
					+ ((next != null) ? "; BEGIN; " + enterSql(connection, next) : "");
			this.sql.put(key, sql);
		}
		return sql;
	}

	/**
	 * One statement that checks and records: it fails (and the commit after it is skipped)
	 * unless the token is still set, the mark is there, and the lock's condition holds.
	 */
	private String finishSql(Step step, @Nullable String condition) {
		String check = "ln(CASE WHEN current_setting('smalls.step', true) = ? THEN 1 ELSE 0 END)"
				+ ((condition != null) ? " + sqrt(CASE WHEN " + condition + " THEN 1 ELSE -1 END)" : "");
		String mark = "mark AS (DELETE FROM " + this.settings.marksTable() + " WHERE sequence_no = ? RETURNING 1)";
		return switch (step.kind()) {
			case MIGRATE -> "WITH " + mark + ", checked AS (SELECT " + check + " + 1 / (SELECT count(*) FROM mark) "
					+ "AS ok) INSERT INTO " + this.settings.historyTable()
					+ " (sequence_no, name, batch, applied_at, execution_ms, applied_by, checksum, acknowledged) SELECT "
					+ "CAST(? AS INT), CAST(? AS VARCHAR), CAST(? AS INT), CAST(? AS TIMESTAMP), CAST(? AS BIGINT), "
					+ "CAST(? AS VARCHAR), CAST(? AS VARCHAR), CAST(? AS VARCHAR) "
					// Used, so that the planner keeps the check rather than drop it as a column nobody reads.
					+ "FROM checked WHERE ok IS NOT NULL";
			case ROLLBACK -> "WITH " + mark + ", gone AS (DELETE FROM " + this.settings.historyTable()
					+ " WHERE sequence_no = ? RETURNING 1) SELECT " + check
					+ " + 1 / (SELECT count(*) FROM mark) + 1 / (SELECT count(*) FROM gone)";
			case OTHER -> "SELECT " + check;
		};
	}

	/** Bind the parameters of {@link #finishSql}; returns the next parameter's index. */
	private static int bindFinish(PreparedStatement statement, Step step, Instant appliedAt, long executionMillis)
			throws SQLException {
		int parameter = 1;
		if (step.kind() != Kind.OTHER) {
			statement.setInt(parameter++, step.sequence());
		}
		if (step.kind() == Kind.ROLLBACK) {
			statement.setInt(parameter++, step.sequence());
		}
		statement.setString(parameter++, step.token());
		if (step.kind() == Kind.MIGRATE) {
			statement.setInt(parameter++, step.sequence());
			statement.setString(parameter++, step.name());
			statement.setInt(parameter++, step.batch());
			statement.setObject(parameter++, localTime(appliedAt));
			statement.setLong(parameter++, executionMillis);
			statement.setString(parameter++, step.appliedBy());
			statement.setString(parameter++, step.checksum());
			statement.setString(parameter++, step.acknowledged());
		}
		return parameter;
	}

	/**
	 * A time as the {@code TIMESTAMP} columns hold it, in the JVM's time zone as
	 * {@code setTimestamp} would bind it, without the calendar arithmetic the driver does for a
	 * {@code Timestamp} on every step.
	 */
	private static LocalDateTime localTime(Instant instant) {
		return LocalDateTime.ofInstant(instant, ZoneId.systemDefault());
	}

	private static SQLException checked(SQLException ex, @Nullable String condition) {
		String state = ex.getSQLState();
		CheckFailed failed;
		if (state != null && state.startsWith("08")) {
			// The batch ends in COMMIT: it may have been committed before the connection went.
			failed = new CheckFailed(Reason.IN_DOUBT, "the connection failed while it was being committed: "
					+ ex.getMessage());
		}
		else if (TRANSACTION_ENDED.equals(state)) {
			failed = new CheckFailed(Reason.TRANSACTION_ENDED, "its transaction is not the one smalls began: it "
					+ "ran COMMIT or ROLLBACK itself, or its statements went to another server connection");
		}
		else if (LOCK_LOST.equals(state)) {
			failed = new CheckFailed(Reason.LOCK_LOST, "the lock is no longer held by this run: its condition "
					+ condition + " is false");
		}
		else if (ROW_GONE.equals(state)) {
			failed = new CheckFailed(Reason.TRANSACTION_ENDED, "smalls' own rows for it changed while it ran: its "
					+ "transaction was ended or its mark deleted");
		}
		else {
			return ex;
		}
		failed.initCause(ex);
		return failed;
	}

	@Override
	public boolean committedPartWay(Connection connection, Step step) throws SQLException {
		return PortableStepStatements.markExists(connection, this.settings.marksTable(), step.sequence());
	}

	private PreparedStatement prepare(Connection connection, String sql) throws SQLException {
		PreparedStatement statement = this.prepared.get(sql);
		if (statement == null) {
			statement = connection.prepareStatement(sql);
			this.prepared.put(sql, statement);
		}
		return statement;
	}

	private int serverVersion(Connection connection) throws SQLException {
		if (this.serverVersion < 0) {
			DatabaseMetaData metaData = connection.getMetaData();
			this.serverVersion = metaData.getDatabaseMajorVersion();
		}
		return this.serverVersion;
	}

	@Override
	public void close() throws SQLException {
		SQLException failure = null;
		for (PreparedStatement statement : this.prepared.values()) {
			try {
				statement.close();
			}
			catch (SQLException ex) {
				failure = ex;
			}
		}
		this.prepared.clear();
		if (failure != null) {
			throw failure;
		}
	}

}
