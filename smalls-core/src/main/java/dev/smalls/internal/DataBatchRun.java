package dev.smalls.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;

import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.ConnectionHolder;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionException;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

import dev.smalls.DataBatch;
import dev.smalls.DataMigration;
import dev.smalls.MigrationNames;
import dev.smalls.dialect.SmallsDialect;

/**
 * One instance's run of one data migration, on a connection of its own: taking it over,
 * and its batches, each in a transaction that first takes the migration's progress row as it
 * was after the batches before ({@link DataTable#enterBatch}), then does the batch's work,
 * then records it. So a batch commits with its record or not at all, and a second instance,
 * or a pause, waits for the batch in hand and then finds the row moved on.
 * <p>
 * While a batch runs, its connection is bound to the thread as the migrated
 * {@code DataSource}'s, as a migration's is: the template it is given, and any other built
 * on that {@code DataSource}, join the batch's transaction, and a commit or rollback of its
 * own is refused ({@link GuardedConnection}). Given a transaction manager
 * ({@link #inTransactionsOf}), a batch runs in its transaction instead, on the connection it
 * binds, so that JPA repositories join it too; the run's own connection then keeps only the
 * reads and the operators' changes. Internal: not for use outside smalls.
 */
final class DataBatchRun implements AutoCloseable {

	private final Engine engine;

	private final DataTable table;

	private final DataMigration migration;

	private final int sequence;

	private final String by;

	private @Nullable Connection connection;

	private @Nullable SmallsDialect dialect;

	private @Nullable Object savedSchema;

	private @Nullable TransactionTemplate managed;

	DataBatchRun(Engine engine, DataTable table, DataMigration migration, int sequence, String by) {
		this.engine = engine;
		this.table = table;
		this.migration = migration;
		this.sequence = sequence;
		this.by = by;
	}

	/**
	 * Run the batches in transactions of the given manager rather than on the run's own
	 * connection: with JPA's, a repository used in a batch joins the batch's transaction. Its
	 * connection is the one the manager binds for the migrated {@code DataSource}, so the
	 * batch's record commits with the work; only where no schema is set (a tenant's batches
	 * set theirs on smalls' own connection).
	 * @param transactionManager the manager, or {@code null} for smalls' own transactions
	 * @return this run
	 */
	DataBatchRun inTransactionsOf(@Nullable PlatformTransactionManager transactionManager) {
		this.managed = (transactionManager != null && this.engine.schema() == null)
				? new TransactionTemplate(transactionManager) : null;
		return this;
	}

	DataTable.@Nullable Row read() {
		try {
			return transaction((connection) -> this.table.read(connection, this.sequence));
		}
		catch (SQLException ex) {
			discard();
			throw failure("read " + this.table.name(), ex);
		}
	}

	/**
	 * Take the data migration over to run it: start it if nothing ran it (or it was rolled
	 * back since), or claim it from a failed run or an instance whose heartbeat stopped.
	 * @param seen its row as read, {@code null} for none
	 * @param lease how long a silent instance keeps it
	 * @param now the time
	 * @return {@code true} if this run has it now
	 */
	boolean take(DataTable.@Nullable Row seen, Duration lease, Instant now) {
		if (seen != null && DataTable.RUNNING.equals(seen.state()) && seen.runBy() != null
				&& seen.heartbeatAt() != null && !seen.heartbeatAt().isBefore(now.minus(lease))) {
			return false;
		}
		long left = estimate();
		try {
			if (seen == null) {
				return transaction((connection) -> this.table.start(connection, this.sequence, this.migration.name(),
						DataTable.RUNNING, this.by, left, now));
			}
			if (DataTable.DONE.equals(seen.state())) {
				return transaction((connection) -> this.table.restart(connection, this.sequence, this.by, left, now));
			}
			return transaction((connection) -> this.table.claim(connection, seen, this.by, left, now, now.minus(lease)));
		}
		catch (SQLException ex) {
			if (DataTable.isDuplicate(ex)) {
				return false;
			}
			discard();
			throw failure("take data migration " + shown() + " over in " + this.table.name(), ex);
		}
	}

	private long estimate() {
		try {
			return inTransaction((connection) -> bound(connection, null,
					() -> this.migration.estimateRows(new JdbcTemplate(this.engine.dataSource()))));
		}
		catch (BatchFailed ex) {
			RunSession.Logging.logger.warn("smalls: data migration " + shown() + " could not estimate its rows ("
					+ ex.getMessage() + "); its progress shows no percentage");
			return -1;
		}
	}

	/**
	 * Run batches until the migration's last batch, a stop, or someone else's change to its
	 * row (a pause, a cancel, another instance taking over).
	 */
	Outcome runUntilStopped(BooleanSupplier stopped, Consumer<DataTable.Row> afterBatch) {
		DataTable.Row row = read();
		long pause = this.migration.pauseBetweenBatches().toMillis();
		int size = this.migration.batchSize();
		if (size < 1) {
			throw new BatchFailed(shown() + " has a batch size of " + size + "; give 1 or more", null, true);
		}
		while (true) {
			if (row == null || !DataTable.RUNNING.equals(row.state()) || !this.by.equals(row.runBy())) {
				return Outcome.LOST;
			}
			if (stopped.getAsBoolean()) {
				return Outcome.STOPPED;
			}
			DataTable.Row seen = row;
			DataBatch done = (this.managed != null) ? inManagedTransaction(this.managed, seen, size)
					: inTransaction((connection) -> batch(connection, seen, size));
			if (done == null) {
				// Its row changed since: paused, cancelled, or taken over.
				row = read();
				continue;
			}
			// What the batch's transaction wrote, without reading it back.
			row = seen.afterBatch(done.rows(), done.next(), Instant.now());
			afterBatch.accept(row);
			if (DataTable.COMPLETE.equals(row.state())) {
				return Outcome.COMPLETE;
			}
			if (pause > 0 && pause(pause, stopped)) {
				return Outcome.STOPPED;
			}
		}
	}

	private @Nullable DataBatch batch(Connection connection, DataTable.Row seen, int size) throws SQLException {
		String token = Tokens.next();
		if (!this.table.enterBatch(connection, this.sequence, this.by, seen.batches(), token, Instant.now())) {
			return null;
		}
		GuardedConnection guard = new GuardedConnection(connection);
		DataBatch result = null;
		RuntimeException thrown = null;
		guard.arm();
		try {
			result = bound(connection, guard,
					() -> this.migration.migrateBatch(new JdbcTemplate(this.engine.dataSource()), seen.resumeAt(), size));
		}
		catch (RuntimeException ex) {
			thrown = ex;
		}
		String violation = guard.disarm();
		if (violation != null) {
			// Even if the batch caught the refusal: trying again would do the same.
			throw new BatchFailed("the batch called " + violation + ", which smalls refused: leave commit and "
					+ "rollback to smalls", thrown, true);
		}
		if (thrown != null) {
			throw new BatchFailed("migrateBatch threw " + Failures.causeOf(thrown), thrown, false);
		}
		if (result == null) {
			throw new BatchFailed("migrateBatch returned null; return DataBatch.next(rows, position) or "
					+ "DataBatch.done(rows)", null, true);
		}
		if (!this.table.recordBatch(connection, this.sequence, token, result.rows(), result.next(), Instant.now())) {
			throw new BatchFailed("its progress row changed during the batch", null, true);
		}
		return result;
	}

	/**
	 * Do some work with the connection bound to the thread as the migrated
	 * {@code DataSource}'s, in its transaction: what a template built on it uses.
	 */
	private <T> T bound(Connection connection, @Nullable GuardedConnection guard, java.util.function.Supplier<T> work) {
		DataSource dataSource = this.engine.dataSource();
		Object previous = TransactionSynchronizationManager.unbindResourceIfPossible(dataSource);
		ConnectionHolder holder = new ConnectionHolder((guard != null) ? guard.proxy() : connection, true);
		holder.setSynchronizedWithTransaction(true);
		TransactionSynchronizationManager.bindResource(dataSource, holder);
		try {
			return work.get();
		}
		finally {
			TransactionSynchronizationManager.unbindResource(dataSource);
			if (previous != null) {
				TransactionSynchronizationManager.bindResource(dataSource, previous);
			}
		}
	}

	/** Wait between batches, saying that this instance is alive; {@code true} if told to stop. */
	private boolean pause(long millis, BooleanSupplier stopped) {
		long end = System.nanoTime() + millis * 1_000_000;
		long lastBeat = System.nanoTime();
		while (System.nanoTime() < end) {
			if (stopped.getAsBoolean()) {
				return true;
			}
			try {
				Thread.sleep(Math.min(500, Math.max(1, (end - System.nanoTime()) / 1_000_000)));
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return true;
			}
			if (System.nanoTime() - lastBeat > 5_000_000_000L) {
				try {
					transaction((connection) -> this.table.heartbeat(connection, this.sequence, this.by, Instant.now()));
				}
				catch (SQLException ex) {
					discard();
				}
				lastBeat = System.nanoTime();
			}
		}
		return false;
	}

	void recordFailure(@Nullable String message, boolean stop) {
		try {
			transaction((connection) -> {
				this.table.failed(connection, this.sequence, this.by, (message != null) ? message : "failed", stop,
						Instant.now());
				return null;
			});
		}
		catch (SQLException ex) {
			discard();
			RunSession.Logging.logger.warn("smalls could not record the failure of data migration " + shown() + " ("
					+ ex.getMessage() + ")");
		}
	}

	/**
	 * Leave the migration failed because a batch committed part of its work on its own.
	 * @return {@code true} if this call failed it, {@code false} if it already was
	 */
	boolean failPartlyCommitted(String token, String message) {
		try {
			return transaction((connection) -> this.table.failPartlyCommitted(connection, this.sequence, token, message,
					Instant.now()));
		}
		catch (SQLException ex) {
			discard();
			RunSession.Logging.logger.warn("smalls could not record the failure of data migration " + shown() + " ("
					+ ex.getMessage() + ")");
			return false;
		}
	}

	/** An operator's change; a migration not started yet gets a row in the new state. */
	boolean change(String to, String message, String... from) {
		Instant now = Instant.now();
		try {
			if (transaction((connection) -> this.table.change(connection, this.sequence, to, message, now, from))) {
				return true;
			}
			DataTable.Row row = read();
			boolean notStarted = row == null || DataTable.DONE.equals(row.state());
			if (!notStarted || DataTable.RUNNING.equals(to)) {
				return false;
			}
			if (row != null) {
				return transaction((connection) -> this.table.change(connection, this.sequence, to, message, now,
						DataTable.DONE));
			}
			try {
				return transaction((connection) -> this.table.start(connection, this.sequence, this.migration.name(), to,
						this.by, -1, now) && this.table.change(connection, this.sequence, to, message, now, to));
			}
			catch (SQLException ex) {
				if (DataTable.isDuplicate(ex)) {
					// Another instance started it meanwhile: change it as it is now.
					return transaction((connection) -> this.table.change(connection, this.sequence, to, message, now,
							from));
				}
				throw ex;
			}
		}
		catch (SQLException ex) {
			discard();
			throw failure("change data migration " + shown() + " in " + this.table.name(), ex);
		}
	}

	/**
	 * Some work in a transaction of its own on the run's connection, which stays out of
	 * auto-commit mode for the whole run (switching it costs a round trip on some drivers).
	 */
	private <T> T transaction(SqlWork<T> work) throws SQLException {
		Connection connection = connection();
		try {
			String schema = this.engine.schema();
			if (schema != null && dialect().setsSchemaPerTransaction()) {
				dialect().useSchemaInTransaction(connection, schema);
			}
			T result = work.run(connection);
			connection.commit();
			return result;
		}
		catch (SQLException | RuntimeException ex) {
			try {
				connection.rollback();
			}
			catch (SQLException rollback) {
				ex.addSuppressed(rollback);
			}
			throw ex;
		}
	}

	/** A batch's (or the estimate's) transaction: a database failure is a failed batch. */
	private <T> T inTransaction(SqlWork<T> work) {
		try {
			return transaction(work);
		}
		catch (SQLException ex) {
			discard();
			throw new BatchFailed(Failures.causeOf(ex), ex, false);
		}
	}

	/** A batch in the application's transaction manager's transaction, on the connection it binds. */
	private @Nullable DataBatch inManagedTransaction(TransactionTemplate transactions, DataTable.Row seen, int size) {
		DataSource dataSource = this.engine.dataSource();
		try {
			return transactions.execute((status) -> {
				Connection connection = DataSourceUtils.getConnection(dataSource);
				try {
					DataBatch done = batch(connection, seen, size);
					if (done == null) {
						status.setRollbackOnly();
					}
					return done;
				}
				catch (SQLException ex) {
					throw new BatchFailed(Failures.causeOf(ex), ex, false);
				}
				finally {
					DataSourceUtils.releaseConnection(connection, dataSource);
				}
			});
		}
		catch (TransactionException | DataAccessException ex) {
			// Its commit failed (a JPA flush, a lost connection): rolled back with its record.
			throw new BatchFailed(Failures.causeOf(ex), ex, false);
		}
	}

	private Connection connection() {
		Connection connection = this.connection;
		if (connection == null) {
			try {
				connection = this.engine.dataSource().getConnection();
				this.dialect = this.engine.dialect(connection);
				String schema = this.engine.schema();
				if (schema != null && !this.dialect.setsSchemaPerTransaction()) {
					this.savedSchema = this.dialect.currentSchema(connection);
					this.dialect.useSchema(connection, schema);
				}
				connection.setAutoCommit(false);
			}
			catch (SQLException ex) {
				if (connection != null) {
					close(connection);
				}
				throw failure("connect to run data migration " + shown(), ex);
			}
			this.connection = connection;
		}
		return connection;
	}

	private SmallsDialect dialect() {
		connection();
		return this.dialect;
	}

	private void discard() {
		Connection connection = this.connection;
		this.connection = null;
		if (connection != null) {
			close(connection);
		}
	}

	private static void close(Connection connection) {
		try {
			connection.close();
		}
		catch (SQLException ex) {
			RunSession.Logging.debug("Could not close a data migration's connection", ex);
		}
	}

	@Override
	public void close() {
		Connection connection = this.connection;
		this.connection = null;
		if (connection != null) {
			try {
				connection.rollback();
				connection.setAutoCommit(true);
				if (this.savedSchema != null && this.dialect != null) {
					this.dialect.restoreSchema(connection, this.savedSchema);
				}
			}
			catch (SQLException ex) {
				RunSession.Logging.debug("Could not restore a data migration connection's schema", ex);
			}
			close(connection);
		}
	}

	private String shown() {
		return MigrationNames.display(this.sequence, this.migration.name());
	}

	private static RuntimeException failure(String what, SQLException ex) {
		return RunSession.failure(what, ex);
	}

	/** Every data migration's row, on a connection of its own; none where the table is not made yet. */
	static Map<Integer, DataTable.Row> readAll(Engine engine, DataTable table) {
		try (Connection connection = engine.dataSource().getConnection()) {
			SmallsDialect dialect = engine.dialect(connection);
			try {
				return table.readAll(connection);
			}
			catch (SQLException ex) {
				if (dialect.isMissingTable(connection, table.name(), ex)) {
					return Map.of();
				}
				throw ex;
			}
		}
		catch (SQLException ex) {
			throw failure("read " + table.name(), ex);
		}
	}

	/** How a run of batches ended. */
	enum Outcome {

		/** The last batch committed: the migration waits to be recorded as done. */
		COMPLETE,

		/** Told to stop: the migration stays where the last batch left it. */
		STOPPED,

		/** Its row changed under it: paused, cancelled, or taken over. */
		LOST

	}

	@FunctionalInterface
	private interface SqlWork<T> {

		T run(Connection connection) throws SQLException;

	}

	/** A batch that failed and was rolled back. */
	static final class BatchFailed extends RuntimeException {

		private final boolean isFinal;

		BatchFailed(String message, @Nullable Throwable cause, boolean isFinal) {
			super(message, cause);
			this.isFinal = isFinal;
		}

		/** Whether trying again cannot help. */
		boolean isFinal() {
			return this.isFinal;
		}

	}

}
