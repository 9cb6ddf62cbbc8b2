package dev.smalls;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.core.NestedExceptionUtils;
import org.springframework.core.io.support.EncodedResource;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.jdbc.datasource.init.ScriptUtils;
import org.springframework.util.Assert;

import dev.smalls.SmallsMigrationException.Operation;
import dev.smalls.core.History;
import dev.smalls.core.HistoryRow;
import dev.smalls.core.HistoryTable;
import dev.smalls.core.MigrationCatalog;
import dev.smalls.core.MigrationNames;
import dev.smalls.dialect.MigrationLock;
import dev.smalls.dialect.SmallsDialect;
import dev.smalls.dialect.SmallsDialects;

/**
 * Applies and rolls back {@link SmallsMigration}s against one {@link DataSource}, keeping
 * a history table of what is applied.
 * <p>
 * Every operation works on one connection of its own. Changes run under a database-wide
 * lock that the database releases if the process dies; each migration and its history row
 * commit in one transaction. Operations return what they did and print nothing.
 */
public final class SmallsMigrator {

	private final DataSource dataSource;

	private final MigrationCatalog catalog;

	private final List<SmallsInitializer> initializers;

	private final List<SmallsSeeder> seeders;

	private final List<SqlScript> initScripts;

	private final List<SqlScript> seedScripts;

	private final HistoryTable history;

	private final boolean outOfOrder;

	private final Duration lockTimeout;

	private final SeedGuard seedGuard;

	private volatile @Nullable SmallsDialect dialect;

	private volatile @Nullable String appliedBy;

	private SmallsMigrator(Builder builder) {
		this.dataSource = builder.dataSource;
		this.catalog = new MigrationCatalog(builder.migrations);
		this.initializers = List.copyOf(builder.initializers);
		this.seeders = List.copyOf(builder.seeders);
		this.initScripts = List.copyOf(builder.initScripts);
		this.seedScripts = List.copyOf(builder.seedScripts);
		this.history = new HistoryTable(builder.table);
		this.outOfOrder = builder.outOfOrder;
		this.lockTimeout = builder.lockTimeout;
		this.seedGuard = builder.seedGuard;
		this.dialect = builder.dialect;
		this.appliedBy = builder.appliedBy;
	}

	/**
	 * Start building a migrator for a data source.
	 * @param dataSource the database to migrate
	 * @return a builder
	 */
	public static Builder builder(DataSource dataSource) {
		return new Builder(dataSource);
	}

	/**
	 * Every migration known to the code or the database, and the current sequence. Reads the
	 * history without taking the lock.
	 * @return the status
	 */
	public MigrationStatus status() {
		this.catalog.validate();
		try (Session session = openSession()) {
			return statusOf(session.readHistory());
		}
	}

	/**
	 * The name of the history table.
	 * @return the table name
	 */
	public String getTable() {
		return this.history.name();
	}

	/**
	 * Apply every pending migration, in sequence order, as one batch.
	 * @return what was applied
	 * @throws SmallsValidationException if the migrations cannot be applied as they are;
	 * nothing ran
	 * @throws SmallsMigrationException if a migration failed; the ones before it stay
	 * applied
	 * @throws SmallsLockException if another instance held the lock too long
	 */
	public MigrateResult migrate() {
		return migrate(Integer.MAX_VALUE);
	}

	/**
	 * Apply every pending migration up to and including {@code target}, as one batch.
	 * @param target the highest sequence to apply
	 * @return what was applied
	 * @see #migrate()
	 */
	public MigrateResult migrate(int target) {
		if (target < 0) {
			throw new SmallsValidationException("The migrate target must be 0 or more, not " + target + ".",
					"Pass the sequence to migrate up to, e.g. 3 or 0003, or none to apply everything.");
		}
		this.catalog.validate();
		try (Session session = openSession()) {
			// With nothing pending (every start-up but a deploy's first) one read, no lock.
			History unlocked = session.read(this.history::readSequencesIfExists);
			if (unlocked != null && plan(unlocked, target).isEmpty()) {
				return new MigrateResult(0, List.of(), unlocked.current());
			}
			try (MigrationLock lock = session.lock()) {
				History history = session.read(this.history::readAppliedIfExists);
				if (history == null) {
					session.createHistoryTable();
					history = History.empty();
				}
				return apply(session, history, plan(history, target));
			}
			catch (SQLException ex) {
				throw session.failure("release the migration lock", ex);
			}
		}
	}

	/**
	 * Roll back, newest first, every applied migration whose sequence is above
	 * {@code target}; {@code target} itself stays applied, and 0 rolls back everything.
	 * @param target the sequence to return to
	 * @return what was rolled back
	 * @throws SmallsValidationException if the target is above the current sequence, or a
	 * migration to roll back is missing from the code; nothing ran
	 * @throws SmallsMigrationException if a rollback failed; the ones before it stay rolled
	 * back
	 */
	public RollbackResult rollback(int target) {
		if (target < 0) {
			throw new SmallsValidationException("The rollback target must be 0 or more, not " + target + ".",
					"Pass the sequence that should stay applied, e.g. 0002; 0 rolls back everything.");
		}
		this.catalog.validate();
		return underLock((session, history) -> {
			if (target > history.current()) {
				throw new SmallsValidationException(
						"Cannot roll back to " + MigrationNames.display(target) + ": the current sequence is "
								+ MigrationNames.display(history.current()) + ". Nothing was rolled back.",
						"The target is the sequence that stays applied; pick one at or below the current sequence "
								+ "(0 rolls back everything). Run status to see what is applied.");
			}
			List<HistoryRow> rows = history.rows()
				.values()
				.stream()
				.filter((row) -> row.sequence() > target)
				.sorted(Comparator.comparingInt(HistoryRow::sequence).reversed())
				.toList();
			return undo(session, history, rows, "roll back to " + MigrationNames.display(target));
		});
	}

	/**
	 * Roll back the migrations of the last {@code batches} batches, newest first.
	 * @param batches how many batches, 1 or more
	 * @return what was rolled back
	 * @see #rollback(int)
	 */
	public RollbackResult rollbackBatches(int batches) {
		if (batches < 1) {
			throw new SmallsValidationException("The number of batches to roll back must be 1 or more, not "
					+ batches + ".", "Pass how many of the latest migrate runs to undo, e.g. 1.");
		}
		this.catalog.validate();
		return underLock((session, history) -> {
			TreeSet<Integer> latest = history.rows()
				.values()
				.stream()
				.map(HistoryRow::batch)
				.collect(Collectors.toCollection(() -> new TreeSet<Integer>(Comparator.reverseOrder())));
			List<Integer> chosen = latest.stream().limit(batches).toList();
			List<HistoryRow> rows = history.rows()
				.values()
				.stream()
				.filter((row) -> chosen.contains(row.batch()))
				.sorted(Comparator.comparingInt(HistoryRow::batch)
					.thenComparingInt(HistoryRow::sequence)
					.reversed())
				.toList();
			return undo(session, history, rows,
					"roll back the last " + batches + ((batches == 1) ? " batch" : " batches"));
		});
	}

	/**
	 * Run the init scripts, then the {@link SmallsInitializer} beans, in one transaction.
	 * @return the steps that ran
	 */
	public StepsResult init() {
		return runSteps("init", this.initScripts, this.initializers.stream()
			.map((initializer) -> new BeanStep(initializer.getClass().getName(), initializer::run))
			.toList());
	}

	/**
	 * Run the seed scripts, then the {@link SmallsSeeder} beans, in one transaction.
	 * @param force run even where the {@link SeedGuard} refuses
	 * @return the steps that ran
	 */
	public StepsResult seed(boolean force) {
		String refusal = this.seedGuard.refusal();
		if (refusal != null && !force) {
			throw new SmallsValidationException("Seeding refused: " + refusal + ". Nothing was written.",
					"Seed data must not reach this database by accident. If it really should be seeded, "
							+ "run seed again with force.");
		}
		return runSteps("seed", this.seedScripts,
				this.seeders.stream().map((seeder) -> new BeanStep(seeder.getClass().getName(), seeder::run)).toList());
	}

	private List<SmallsMigration> plan(History history, int target) {
		List<SmallsMigration> pending = new ArrayList<>();
		List<String> outOfOrder = new ArrayList<>();
		int current = history.current();
		// Both are sorted by sequence: one merge walk, however many migrations there are.
		int applied = 0;
		for (int i = 0; i < this.catalog.size(); i++) {
			int sequence = this.catalog.sequenceAt(i);
			if (sequence > target) {
				break;
			}
			while (applied < history.size() && history.sequenceAt(applied) < sequence) {
				applied++;
			}
			if (applied == history.size() || history.sequenceAt(applied) != sequence) {
				SmallsMigration migration = this.catalog.migrationAt(i);
				pending.add(migration);
				if (sequence < current) {
					outOfOrder.add(display(migration));
				}
			}
		}
		if (!outOfOrder.isEmpty() && !this.outOfOrder) {
			throw new SmallsValidationException(String.join(", ", outOfOrder) + ((outOfOrder.size() == 1) ? " is" : " are")
					+ " pending but " + MigrationNames.display(history.current()) + " is already applied. Nothing was run.",
					"Migrations apply in sequence order: renumber the pending migration above "
							+ MigrationNames.display(history.current())
							+ ", or set smalls.out-of-order=true to apply it anyway.");
		}
		if (pending.isEmpty() && target < history.current() && target != Integer.MAX_VALUE) {
			throw new SmallsValidationException(
					"Cannot migrate to " + MigrationNames.display(target) + ": the current sequence is already "
							+ MigrationNames.display(history.current()) + ". Nothing was run.",
					"Migrate only moves forward; to go back to " + MigrationNames.display(target) + ", roll back to it.");
		}
		return pending;
	}

	private MigrateResult apply(Session session, History history, List<SmallsMigration> plan) {
		if (plan.isEmpty()) {
			return new MigrateResult(0, List.of(), history.current());
		}
		int batch = history.maxBatch() + 1;
		int current = history.current();
		String by = appliedBy();
		List<MigrationExecution> applied = new ArrayList<>();
		for (SmallsMigration migration : plan) {
			String name = this.catalog.nameOf(migration);
			long started = System.nanoTime();
			try {
				long millis = session.inTransaction(() -> {
					migration.migrate(session.jdbc());
					long elapsed = (System.nanoTime() - started) / 1_000_000;
					session.record(new HistoryRow(migration.sequence(), name, batch, Instant.now(), elapsed, by));
					return elapsed;
				});
				applied.add(new MigrationExecution(migration.sequence(), name, millis));
				current = Math.max(current, migration.sequence());
				if (Logging.logger.isInfoEnabled()) {
					Logging.logger.info("Applied " + display(migration) + " in " + millis + " ms");
				}
			}
			catch (RuntimeException ex) {
				throw migrationFailure(session, Operation.MIGRATE, migration, ex, applied, current);
			}
		}
		return new MigrateResult(batch, applied, current);
	}

	private RollbackResult undo(Session session, History history, List<HistoryRow> rows, String what) {
		List<String> missing = rows.stream()
			.filter((row) -> this.catalog.get(row.sequence()) == null)
			.map((row) -> MigrationNames.display(row.sequence(), row.name()))
			.toList();
		if (!missing.isEmpty()) {
			throw new SmallsValidationException("Cannot " + what + ": " + String.join(", ", missing)
					+ ((missing.size() == 1) ? " is" : " are")
					+ " recorded as applied, but the code has no migration with that sequence, so smalls cannot "
					+ "undo it. Nothing was rolled back.",
					"Restore the migration class with its rollback, or roll back less. If its changes are really gone "
							+ "from the database, delete its row from " + this.history.name() + " by hand.");
		}
		TreeSet<Integer> applied = new TreeSet<>(history.rows().keySet());
		List<MigrationExecution> rolledBack = new ArrayList<>();
		for (HistoryRow row : rows) {
			SmallsMigration migration = Objects.requireNonNull(this.catalog.get(row.sequence()));
			long started = System.nanoTime();
			try {
				session.inTransaction(() -> {
					migration.rollback(session.jdbc());
					session.forget(row.sequence());
					return null;
				});
			}
			catch (RuntimeException ex) {
				throw migrationFailure(session, Operation.ROLLBACK, migration, ex, rolledBack,
						applied.isEmpty() ? 0 : applied.last());
			}
			long millis = (System.nanoTime() - started) / 1_000_000;
			applied.remove(row.sequence());
			rolledBack.add(new MigrationExecution(row.sequence(), this.catalog.nameOf(migration), millis));
			if (Logging.logger.isInfoEnabled()) {
				Logging.logger.info("Rolled back " + display(migration) + " in " + millis + " ms");
			}
		}
		return new RollbackResult(rolledBack, applied.isEmpty() ? 0 : applied.last());
	}

	private SmallsMigrationException migrationFailure(Session session, Operation operation, SmallsMigration migration,
			RuntimeException ex, List<MigrationExecution> completed, int current) {
		String shown = display(migration);
		String done = completed.stream().map(MigrationExecution::displayName).collect(Collectors.joining(", "));
		String message;
		String action;
		if (operation == Operation.MIGRATE) {
			message = "Migration " + shown + " failed: " + causeOf(ex) + ". It was rolled back and is not recorded as "
					+ "applied. " + (completed.isEmpty() ? "Nothing else was applied in this run."
							: "Applied before it, and still applied: " + done + ".");
			action = "Fix " + shown + " and run migrate again.";
		}
		else {
			message = "Rollback of " + shown + " failed: " + causeOf(ex) + ". It is still recorded as applied. "
					+ (completed.isEmpty() ? "Nothing was rolled back in this run."
							: "Rolled back before it: " + done + ".");
			action = "Fix the rollback of " + shown + " and run rollback again.";
		}
		if (!session.dialect.supportsTransactionalDdl()) {
			action += " " + session.dialect.databaseName() + " commits DDL statements (CREATE, ALTER, DROP) at once, "
					+ "so any DDL that " + shown + " ran before it failed was NOT undone: check the schema and "
					+ "reverse those statements by hand before you retry.";
		}
		return new SmallsMigrationException(message + " Current sequence: " + MigrationNames.display(current) + ".",
				action, ex, operation, migration.sequence(), this.catalog.nameOf(migration), completed, current);
	}

	private StepsResult runSteps(String kind, List<SqlScript> scripts, List<BeanStep> beans) {
		List<String> absent = scripts.stream()
			.filter((script) -> script.required() && !script.resource().exists())
			.map(SqlScript::location)
			.toList();
		if (!absent.isEmpty()) {
			throw new SmallsValidationException("The " + kind + " script " + String.join(", ", absent)
					+ " does not exist. Nothing was run.", "Fix the location, or remove it from smalls." + kind
							+ ".locations.");
		}
		return underLock((session, history) -> {
			List<StepsResult.Step> steps = new ArrayList<>();
			String[] current = { kind };
			try {
				session.inTransaction(() -> {
					for (SqlScript script : scripts) {
						if (script.resource().exists()) {
							current[0] = script.location();
							long started = System.nanoTime();
							ScriptUtils.executeSqlScript(session.connection,
									new EncodedResource(script.resource(), StandardCharsets.UTF_8));
							steps.add(new StepsResult.Step(script.location(), (System.nanoTime() - started) / 1_000_000));
						}
					}
					for (BeanStep bean : beans) {
						current[0] = bean.description;
						long started = System.nanoTime();
						bean.step.accept(session.jdbc());
						steps.add(new StepsResult.Step(bean.description, (System.nanoTime() - started) / 1_000_000));
					}
					return null;
				});
			}
			catch (RuntimeException ex) {
				String ddl = session.dialect.supportsTransactionalDdl() ? ""
						: " " + session.dialect.databaseName() + " commits DDL at once: any DDL that ran before the "
								+ "failure was not undone.";
				throw new SmallsException("The " + kind + " step " + current[0] + " failed: " + causeOf(ex) + ". The "
						+ kind + " transaction was rolled back; nothing of it is committed." + ddl,
						"Fix " + current[0] + " and run " + kind + " again.", ex);
			}
			return new StepsResult(steps);
		});
	}

	private <T> T underLock(LockedWork<T> work) {
		try (Session session = openSession()) {
			try (MigrationLock lock = session.lock()) {
				History history = session.read(this.history::readIfExists);
				if (history == null) {
					session.createHistoryTable();
					history = History.empty();
				}
				return work.run(session, history);
			}
			catch (SQLException ex) {
				throw session.failure("release the migration lock", ex);
			}
		}
	}

	private MigrationStatus statusOf(History history) {
		TreeSet<Integer> sequences = new TreeSet<>(this.catalog.bySequence().keySet());
		sequences.addAll(history.rows().keySet());
		List<MigrationInfo> migrations = new ArrayList<>(sequences.size());
		for (int sequence : sequences) {
			SmallsMigration migration = this.catalog.get(sequence);
			HistoryRow row = history.rows().get(sequence);
			if (row == null) {
				migrations.add(new MigrationInfo(sequence, this.catalog.nameOf(migration), MigrationState.PENDING, null,
						null, null, null));
			}
			else {
				MigrationState state = (migration != null) ? MigrationState.APPLIED : MigrationState.MISSING;
				String name = (migration != null) ? this.catalog.nameOf(migration) : row.name();
				migrations.add(new MigrationInfo(sequence, name, state, row.batch(), row.appliedAt(),
						row.executionMillis(), row.appliedBy()));
			}
		}
		return new MigrationStatus(history.current(), migrations);
	}

	private String display(SmallsMigration migration) {
		return MigrationNames.display(migration.sequence(), this.catalog.nameOf(migration));
	}

	private String appliedBy() {
		String by = this.appliedBy;
		if (by == null) {
			by = System.getProperty("user.name", "unknown") + "@" + hostName();
			this.appliedBy = by;
		}
		return by;
	}

	private static String hostName() {
		String host = System.getenv("HOSTNAME");
		if (host != null && !host.isBlank()) {
			return host;
		}
		try {
			return InetAddress.getLocalHost().getHostName();
		}
		catch (Exception ex) {
			return "unknown-host";
		}
	}

	private static String causeOf(Throwable ex) {
		Throwable cause = NestedExceptionUtils.getMostSpecificCause(ex);
		String message = cause.getMessage();
		return (message != null && !message.isBlank()) ? message.strip() : cause.getClass().getName();
	}

	private Session openSession() {
		Connection connection;
		try {
			connection = this.dataSource.getConnection();
		}
		catch (SQLException ex) {
			throw new SmallsException("smalls could not connect to the database: " + causeOf(ex) + ".",
					"Check the data source's URL, user and password, and that the database is up.", ex);
		}
		return new Session(connection);
	}

	/**
	 * One connection, its dialect, and a template bound to it.
	 */
	private final class Session implements AutoCloseable {

		private final Connection connection;

		private final SmallsDialect dialect;

		private @Nullable JdbcTemplate jdbc;

		private HistoryTable.@Nullable Writer writer;

		private boolean manualCommit;

		Session(Connection connection) {
			this.connection = connection;
			try {
				if (!connection.getAutoCommit()) {
					connection.setAutoCommit(true);
				}
				SmallsDialect known = SmallsMigrator.this.dialect;
				if (known == null) {
					known = SmallsDialects.detect(connection);
					SmallsMigrator.this.dialect = known;
				}
				this.dialect = known;
			}
			catch (SQLException ex) {
				close();
				throw failure("prepare its connection", ex);
			}
		}

		private HistoryTable.Writer writer() {
			HistoryTable.Writer writer = this.writer;
			if (writer == null) {
				writer = SmallsMigrator.this.history.writer(this.connection);
				this.writer = writer;
			}
			return writer;
		}

		/** The template handed to migrations and steps, made when the first one needs it. */
		JdbcTemplate jdbc() {
			JdbcTemplate jdbc = this.jdbc;
			if (jdbc == null) {
				jdbc = new JdbcTemplate(new SingleConnectionDataSource(this.connection, true));
				this.jdbc = jdbc;
			}
			return jdbc;
		}

		@Nullable History read(HistoryRead read) {
			try {
				return read.read(this.connection);
			}
			catch (SQLException ex) {
				throw failure("read its history table " + SmallsMigrator.this.history.name(), ex);
			}
		}

		History readHistory() {
			History history = read(SmallsMigrator.this.history::readIfExists);
			return (history != null) ? history : History.empty();
		}

		void createHistoryTable() {
			try {
				SmallsMigrator.this.history.create(this.connection, this.dialect);
			}
			catch (SQLException ex) {
				throw failure("create its history table " + SmallsMigrator.this.history.name(), ex);
			}
		}

		void record(HistoryRow row) {
			try {
				writer().insert(row);
			}
			catch (SQLException ex) {
				throw failure("record " + MigrationNames.display(row.sequence(), row.name()) + " in "
						+ SmallsMigrator.this.history.name(), ex);
			}
		}

		void forget(int sequence) {
			try {
				writer().delete(sequence);
			}
			catch (SQLException ex) {
				throw failure("remove " + MigrationNames.display(sequence) + " from "
						+ SmallsMigrator.this.history.name(), ex);
			}
		}

		MigrationLock lock() {
			String table = SmallsMigrator.this.history.name();
			Duration timeout = SmallsMigrator.this.lockTimeout;
			MigrationLock lock;
			try {
				lock = this.dialect.lock(this.connection, SmallsMigrator.this.dataSource, table, timeout);
			}
			catch (SQLException | CannotGetJdbcConnectionException ex) {
				throw new SmallsLockException("smalls could not take the migration lock for " + table + ": "
						+ causeOf(ex) + ". Nothing was run.", "Check that the database user may take locks "
								+ "(and, on databases other than PostgreSQL and MariaDB/MySQL, create tables).", ex);
			}
			if (lock == null) {
				throw new SmallsLockException("Another instance has held the smalls migration lock for " + table
						+ " for more than " + timeout.toSeconds() + " s. Nothing was run.",
						"Wait for the other instance to finish migrating, or raise smalls.lock-timeout. The lock "
								+ "belongs to a database session, so a killed instance never leaves it behind: "
								+ "if it is still held, a live connection holds it.", null);
			}
			return lock;
		}

		/**
		 * Run work in a transaction of its own. Auto-commit is switched off once per session,
		 * not per migration: two fewer round trips a migration on most drivers.
		 */
		<T> T inTransaction(TransactionalWork<T> work) {
			if (!this.manualCommit) {
				try {
					this.connection.setAutoCommit(false);
					this.manualCommit = true;
				}
				catch (SQLException ex) {
					throw failure("start a transaction", ex);
				}
			}
			try {
				T result = work.run();
				this.connection.commit();
				return result;
			}
			catch (Throwable ex) {
				try {
					this.connection.rollback();
				}
				catch (SQLException rollbackFailure) {
					ex.addSuppressed(rollbackFailure);
				}
				if (ex instanceof SQLException sqlException) {
					throw failure("commit", sqlException);
				}
				if (ex instanceof RuntimeException runtimeException) {
					throw runtimeException;
				}
				if (ex instanceof Error error) {
					throw error;
				}
				throw new IllegalStateException(ex);
			}
		}

		SmallsException failure(String what, SQLException ex) {
			return new SmallsException("smalls could not " + what + ": " + causeOf(ex) + ".",
					"Check the database connection and try again.", ex);
		}

		@Override
		public void close() {
			try {
				if (this.writer != null) {
					this.writer.close();
				}
			}
			catch (SQLException ex) {
				Logging.logger.debug("Could not close the history statements", ex);
			}
			try {
				if (this.manualCommit) {
					// Pools do not all reset it: hand the connection back as it was lent.
					this.connection.rollback();
					this.connection.setAutoCommit(true);
				}
			}
			catch (SQLException ex) {
				Logging.logger.debug("Could not restore auto-commit", ex);
			}
			try {
				this.connection.close();
			}
			catch (SQLException ex) {
				Logging.logger.debug("Could not close connection", ex);
			}
		}

	}

	@FunctionalInterface
	private interface LockedWork<T> {

		T run(Session session, History history);

	}

	@FunctionalInterface
	private interface HistoryRead {

		@Nullable History read(Connection connection) throws SQLException;

	}

	@FunctionalInterface
	private interface TransactionalWork<T> {

		T run() throws Exception;

	}

	/**
	 * The logger, made on first use: an up-to-date start-up logs nothing, and in a fresh JVM
	 * it need not load a logging bridge to find that out.
	 */
	private static final class Logging {

		static final Log logger = LogFactory.getLog(SmallsMigrator.class);

	}

	private record BeanStep(String description, Consumer<JdbcTemplate> step) {
	}

	/**
	 * Builds a {@link SmallsMigrator}.
	 */
	public static final class Builder {

		private final DataSource dataSource;

		private Collection<? extends SmallsMigration> migrations = List.of();

		private List<SmallsInitializer> initializers = List.of();

		private List<SmallsSeeder> seeders = List.of();

		private List<SqlScript> initScripts = List.of();

		private List<SqlScript> seedScripts = List.of();

		private String table = "smalls_history";

		private boolean outOfOrder;

		private Duration lockTimeout = Duration.ofMinutes(1);

		private SeedGuard seedGuard = SeedGuard.ALLOW;

		private @Nullable SmallsDialect dialect;

		private @Nullable String appliedBy;

		private Builder(DataSource dataSource) {
			Assert.notNull(dataSource, "'dataSource' must not be null");
			this.dataSource = dataSource;
		}

		/**
		 * The migrations, in any order.
		 * @param migrations the migrations
		 * @return this builder
		 */
		public Builder migrations(Collection<? extends SmallsMigration> migrations) {
			this.migrations = List.copyOf(migrations);
			return this;
		}

		/**
		 * The migrations, in any order.
		 * @param migrations the migrations
		 * @return this builder
		 */
		public Builder migrations(SmallsMigration... migrations) {
			return migrations(List.of(migrations));
		}

		/**
		 * The init steps run after the init scripts, in order.
		 * @param initializers the steps
		 * @return this builder
		 */
		public Builder initializers(List<SmallsInitializer> initializers) {
			this.initializers = List.copyOf(initializers);
			return this;
		}

		/**
		 * The seed steps run after the seed scripts, in order.
		 * @param seeders the steps
		 * @return this builder
		 */
		public Builder seeders(List<SmallsSeeder> seeders) {
			this.seeders = List.copyOf(seeders);
			return this;
		}

		/**
		 * The SQL scripts {@link SmallsMigrator#init()} runs.
		 * @param scripts the scripts
		 * @return this builder
		 */
		public Builder initScripts(List<SqlScript> scripts) {
			this.initScripts = List.copyOf(scripts);
			return this;
		}

		/**
		 * The SQL scripts {@link SmallsMigrator#seed(boolean)} runs.
		 * @param scripts the scripts
		 * @return this builder
		 */
		public Builder seedScripts(List<SqlScript> scripts) {
			this.seedScripts = List.copyOf(scripts);
			return this;
		}

		/**
		 * The history table's name (default {@code smalls_history}), optionally
		 * schema-qualified.
		 * @param table the name
		 * @return this builder
		 */
		public Builder table(String table) {
			this.table = table;
			return this;
		}

		/**
		 * Whether a pending migration below the current sequence may be applied (default
		 * {@code false}: it is an error).
		 * @param outOfOrder whether to allow it
		 * @return this builder
		 */
		public Builder outOfOrder(boolean outOfOrder) {
			this.outOfOrder = outOfOrder;
			return this;
		}

		/**
		 * How long to wait for another instance's migration lock (default one minute).
		 * @param lockTimeout the timeout
		 * @return this builder
		 */
		public Builder lockTimeout(Duration lockTimeout) {
			Assert.isTrue(!lockTimeout.isNegative(), "'lockTimeout' must not be negative");
			this.lockTimeout = lockTimeout;
			return this;
		}

		/**
		 * What decides whether seeding is allowed (default: always).
		 * @param seedGuard the guard
		 * @return this builder
		 */
		public Builder seedGuard(SeedGuard seedGuard) {
			this.seedGuard = seedGuard;
			return this;
		}

		/**
		 * The dialect to use instead of detecting one from the connection.
		 * @param dialect the dialect
		 * @return this builder
		 */
		public Builder dialect(SmallsDialect dialect) {
			this.dialect = dialect;
			return this;
		}

		/**
		 * Who is recorded as applying migrations (default {@code user@host}).
		 * @param appliedBy the name
		 * @return this builder
		 */
		public Builder appliedBy(String appliedBy) {
			this.appliedBy = appliedBy;
			return this;
		}

		/**
		 * Build the migrator. Checks nothing against the database.
		 * @return the migrator
		 */
		public SmallsMigrator build() {
			return new SmallsMigrator(this);
		}

	}

}
