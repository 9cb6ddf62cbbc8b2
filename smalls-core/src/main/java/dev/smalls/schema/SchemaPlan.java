package dev.smalls.schema;

import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.util.ClassUtils;

import dev.smalls.MigrationNames;
import dev.smalls.SmallsException;
import dev.smalls.SmallsMigrationException;
import dev.smalls.dialect.SchemaDdl;
import dev.smalls.dialect.SmallsDialect;
import dev.smalls.schema.SchemaProgress.Listener;

/**
 * The operations a {@link SchemaMigration} records, numbered from 1, and what smalls can do
 * with them without the migration's help: show the SQL they run on a database, run them from
 * one state to another, and tell from a schema snapshot which of them are in effect.
 * <p>
 * State {@code k} means operations 1 to {@code k} are in effect: a migration moves the schema
 * from state 0 to state {@link #size()}, a rollback from {@code size()} to 0, and the repair of
 * a run that was killed half-way from wherever it stopped ({@link #stateOf}) back to where it
 * started.
 */
public final class SchemaPlan {

	private final String migration;

	private final List<Operation> operations;

	private final Map<Integer, Map<String, String>> acknowledgements;

	/** For each operation, whether it runs in its safe form ({@link Schema#safely}). */
	private final List<Boolean> safe;

	private SchemaPlan(String migration, List<Operation> operations,
			Map<Integer, Map<String, String>> acknowledgements, List<Boolean> safe) {
		this.migration = migration;
		this.operations = operations;
		this.acknowledgements = acknowledgements;
		this.safe = safe;
	}

	/**
	 * Record a migration's operations. Nothing runs; a name that is not a plain identifier,
	 * or any other operation smalls refuses, fails here.
	 * @param migration the migration
	 * @return its plan
	 * @throws SmallsException if {@code change} records something smalls refuses
	 */
	public static SchemaPlan of(SchemaMigration migration) {
		String name = MigrationNames.display(migration.sequence(), migration.name());
		Schema schema = new Schema();
		try {
			migration.change(schema);
		}
		catch (RuntimeException ex) {
			String reason = String.valueOf(ex.getMessage()).strip();
			throw new SmallsException(name + " records an operation smalls refuses: "
					+ (reason.endsWith(".") ? reason.substring(0, reason.length() - 1) : reason) + ". Nothing ran.",
					"Fix change(..) in " + name + " and run again.", ex);
		}
		return new SchemaPlan(name, schema.operations(), schema.acknowledgements(), schema.safe());
	}

	/**
	 * What the migration's operations take away from the application's schema: a dropped or
	 * renamed table as {@code table}, a dropped or renamed column as {@code table.column} (the
	 * old name). What a contract step removes, which a running instance must not map.
	 * @return the names, lower case, in the order the operations come
	 */
	public List<String> removes() {
		List<String> names = new java.util.ArrayList<>();
		for (Operation operation : this.operations) {
			if (operation instanceof ColumnOperation column && !column.add()) {
				names.add(lower(column.table() + "." + column.column().name()));
			}
			else if (operation instanceof TableOperation table && !table.create()) {
				names.add(lower(table.table()));
			}
			else if (operation instanceof RenameColumn rename) {
				names.add(lower(rename.table() + "." + rename.from()));
			}
			else if (operation instanceof RenameTable rename) {
				names.add(lower(rename.from()));
			}
		}
		return names;
	}

	private static String lower(String name) {
		return name.toLowerCase(java.util.Locale.ROOT);
	}

	/**
	 * The lint rules acknowledged for an operation ({@link Schema#acknowledge}), by id, with
	 * their reasons.
	 * @param operation the operation's index, from 0
	 * @return the acknowledged rules
	 */
	public Map<String, String> acknowledgements(int operation) {
		return this.acknowledgements.getOrDefault(operation, Map.of());
	}

	/**
	 * This plan with every operation in its safe form, as if the migration had recorded them
	 * all inside {@link Schema#safely}: what a migrator with safe rewrites switched on runs.
	 * @return the plan
	 */
	public SchemaPlan withSafeRewrites() {
		return new SchemaPlan(this.migration, this.operations, this.acknowledgements,
				this.operations.stream().map((operation) -> Boolean.TRUE).toList());
	}

	/**
	 * Whether the plan must run outside a transaction on a database: it has operations whose
	 * safe form there is made of statements that each commit on their own (PostgreSQL's
	 * {@code CREATE INDEX CONCURRENTLY}, {@code NOT VALID} then {@code VALIDATE}). A migrator
	 * runs such a migration as one that is not transactional.
	 * @param dialect the database's dialect
	 * @return {@code true} if it must run outside a transaction
	 */
	public boolean runsOutsideTransaction(SmallsDialect dialect) {
		SchemaDdl plain = dialect.schemaDdl();
		SchemaDdl safe = plain.safeRewrites();
		if (!safe.commitsEachStatement()) {
			return false;
		}
		for (int i = 0; i < this.operations.size(); i++) {
			if (this.safe.get(i) && rewritten(this.operations.get(i), plain, safe)) {
				return true;
			}
		}
		return false;
	}

	/** Whether an operation's safe form differs from the form it has as written. */
	private static boolean rewritten(Operation operation, SchemaDdl plain, SchemaDdl safe) {
		if (!operation.rewritable() || plain == safe) {
			return false;
		}
		try {
			return !operation.preview(plain, true).equals(operation.preview(safe, true))
					|| !operation.preview(plain, false).equals(operation.preview(safe, false));
		}
		catch (IllegalArgumentException ex) {
			// Cannot be written on this database at all: said when it runs.
			return false;
		}
	}

	/** The DDL an operation runs with: its safe form's where it asked for it. */
	private SchemaDdl ddl(int number, SchemaDdl plain) {
		return this.safe.get(number - 1) ? plain.safeRewrites() : plain;
	}

	/**
	 * The migration, as shown everywhere: {@code 0005_add_tags}.
	 * @return its display name
	 */
	public String migration() {
		return this.migration;
	}

	/**
	 * How many operations the migration records: the state it moves the schema to.
	 * @return the number of operations
	 */
	public int size() {
		return this.operations.size();
	}

	/**
	 * The operations, as the migration wrote them; the first is operation 1.
	 * @return e.g. {@code addColumn users.reset_count INTEGER NOT NULL DEFAULT 0}
	 */
	public List<String> operations() {
		return this.operations.stream().map(Operation::description).toList();
	}

	/**
	 * Whether any operation runs code or SQL of the author's ({@link Schema#run},
	 * {@link Schema#sql}): what it does besides the tables cannot be told from a snapshot.
	 * @return {@code true} if one does
	 */
	public boolean runsOwnCode() {
		return this.operations.stream()
			.anyMatch((operation) -> operation.kind() == Operation.Kind.DATA || operation.kind() == Operation.Kind.SQL);
	}

	/**
	 * Why the migration refuses to be rolled back, if it called
	 * {@link Schema#irreversible(String)}.
	 * @return the reason (several joined), or {@code null}
	 */
	public @Nullable String irreversibleReason() {
		List<String> reasons = this.operations.stream()
			.filter(IrreversibleMarker.class::isInstance)
			.map((operation) -> ((IrreversibleMarker) operation).reason())
			.toList();
		return reasons.isEmpty() ? null : String.join("; ", reasons);
	}

	/**
	 * A digest of the operations, to tell whether the code that recorded an interrupted run
	 * is the code asked to repair it.
	 * @return a hexadecimal SHA-256 digest
	 */
	public String fingerprint() {
		try {
			MessageDigest digest = MessageDigest.getInstance("SHA-256");
			operations().forEach((description) -> digest.update((description + "\n").getBytes(StandardCharsets.UTF_8)));
			return HexFormat.of().formatHex(digest.digest());
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every Java platform has SHA-256", ex);
		}
	}

	/**
	 * The migration's checksum: a digest of what its operations mean, the same on every JVM
	 * and in every smalls release (see {@code OperationDigest}).
	 * @return 64 hexadecimal digits
	 */
	public String checksum() {
		return OperationDigest.of(this.operations);
	}

	/**
	 * The SQL that moving from one state to another runs on a database, without running it
	 * (the counterpart of Django's {@code sqlmigrate}): each operation as an SQL comment,
	 * followed by its statements, each ending in {@code ;}. What depends on the schema at run
	 * time, or is code, is said in SQL comments.
	 * @param dialect the database's dialect
	 * @param from the state to start from: 0 to show the migration
	 * @param to the state to reach: 0 to show the rollback
	 * @return lines to print
	 * @throws SmallsException if an operation cannot be written for this database
	 */
	public List<String> statements(SmallsDialect dialect, int from, int to) {
		checkState(from);
		checkState(to);
		SchemaDdl ddl = dialect.schemaDdl();
		List<String> lines = new ArrayList<>();
		for (int state = from; state != to; state += (to > from) ? 1 : -1) {
			boolean apply = to > from;
			int number = apply ? state + 1 : state;
			Operation operation = this.operations.get(number - 1);
			lines.add("-- " + (apply ? "" : "undo ") + number + ". " + operation.description());
			SchemaDdl written = ddl(number, ddl);
			if (written == ddl && this.safe.get(number - 1) && operation.rewritable()) {
				lines.add("-- (safely: " + dialect.databaseName() + " has no safe form of this operation; it runs as "
						+ "written)");
			}
			try {
				operation.preview(written, apply)
					.forEach((line) -> lines.add(line.startsWith("--") ? line : line + ";"));
			}
			catch (IllegalArgumentException ex) {
				throw new SmallsException("Operation " + number + " of " + this.migration + " ("
						+ operation.description() + ") cannot be written for " + dialect.databaseName() + ": "
						+ ex.getMessage(), "Change the operation, or write it with sql(..).", ex);
			}
		}
		return lines;
	}

	/**
	 * Run the operations from one state to another on the migration's template. If an
	 * operation fails where
	 * each operation commits at once, the operations already run are reversed, newest first, so
	 * the schema is back in state {@code from}; a {@link SchemaOperationException} then says
	 * what failed and what was reversed.
	 * @param jdbc the migration's template
	 * @param dialect the database's dialect
	 * @param from the state the schema is in
	 * @param to the state to bring it to
	 * @throws SchemaOperationException if an operation failed
	 */
	public void run(JdbcTemplate jdbc, SmallsDialect dialect, int from, int to) {
		run(jdbc, dialect, from, to, SchemaProgress.NONE);
	}

	/**
	 * Run the operations from one state to another, telling a listener where the run is (as
	 * a migrator does, to record it where it survives a killed process).
	 * @param jdbc the migration's template
	 * @param dialect the database's dialect
	 * @param from the state the schema is in
	 * @param to the state to bring it to
	 * @param progress told where the run is
	 * @throws SchemaOperationException if an operation failed
	 * @see #run(JdbcTemplate, SmallsDialect, int, int)
	 */
	public void run(JdbcTemplate jdbc, SmallsDialect dialect, int from, int to, Listener progress) {
		checkState(from);
		checkState(to);
		new PlanRunner(this.migration, this.operations, this.safe, jdbc, dialect, progress).run(from, to);
	}

	/**
	 * Remove what the operations a killed run may have been running left half-done, before a
	 * repair reads the schema: on PostgreSQL, the {@code INVALID} index of a
	 * {@code CREATE INDEX CONCURRENTLY} that did not finish, or a constraint a safe rewrite
	 * added but did not validate or drop.
	 * @param jdbc the repair's template, in auto-commit mode
	 * @param dialect the database's dialect
	 * @param certain the last state the run reported as certain
	 * @param possible the highest state it reported as possible
	 * @param applying whether the run was applying operations (a migrate), not undoing them
	 * @return what was removed, each as {@code "1. addIndex ...: removed what it left half-done (DROP INDEX ...)"}
	 */
	public List<String> removeLeftovers(JdbcTemplate jdbc, SmallsDialect dialect, int certain, int possible,
			boolean applying) {
		checkState(certain);
		checkState(possible);
		SchemaDdl ddl = dialect.schemaDdl();
		List<String> removed = new ArrayList<>();
		for (int state = Math.min(certain, possible); state < Math.max(certain, possible); state++) {
			int number = state + 1;
			if (this.operations.get(number - 1) instanceof DdlOperation operation) {
				jdbc.execute((ConnectionCallback<Void>) (connection) -> {
					try (Statement statement = connection.createStatement()) {
						for (String sql : operation.leftovers(ddl, connection, applying)) {
							statement.execute(sql);
							removed.add(number + ". " + operation.description() + ": removed what it left half-done ("
									+ sql + ")");
						}
					}
					return null;
				});
			}
		}
		return removed;
	}

	/**
	 * Refuse, before anything runs, to roll back a migration that called
	 * {@link Schema#irreversible(String)}.
	 * @throws SmallsException naming the migration and the reason
	 */
	public void requireReversible() {
		String reason = irreversibleReason();
		if (reason != null) {
			throw new SmallsException(this.migration + " cannot be rolled back: " + reason + ". Nothing was rolled back.",
					"Keep " + this.migration + " applied: roll back to its sequence or above, or write a new "
							+ "migration that undoes what you need.");
		}
	}

	/**
	 * Whether an operation is in effect in a schema: the question to ask of the operation a
	 * killed run may or may not have completed. Data steps and {@code sql(..)} statements
	 * cannot be told from the schema.
	 * @param operation the operation's number, from 1
	 * @param snapshot the schema as it is
	 * @param dialect the database's dialect
	 * @return the verdict
	 */
	public Effect effect(int operation, SchemaSnapshot snapshot, SmallsDialect dialect) {
		if (operation < 1 || operation > size()) {
			throw new IllegalArgumentException(this.migration + " has no operation " + operation);
		}
		return this.operations.get(operation - 1).effectIn(snapshot, dialect.schemaDdl());
	}

	/**
	 * The state a schema is in, after a run reported the range {@code certain} to
	 * {@code possible} and was killed: each operation in between is checked against the
	 * snapshot, newest first, until one is found in effect.
	 * @param certain the last state the run reported as certain
	 * @param possible the highest state it reported as possible
	 * @param snapshot the schema as it is now
	 * @param dialect the database's dialect
	 * @return the state: operations 1 to it are in effect
	 * @throws SmallsException if an operation in between cannot be told from the schema
	 */
	public int stateOf(int certain, int possible, SchemaSnapshot snapshot, SmallsDialect dialect) {
		checkState(certain);
		checkState(possible);
		for (int operation = possible; operation > certain; operation--) {
			Effect effect = effect(operation, snapshot, dialect);
			if (effect == Effect.TOOK_EFFECT) {
				return operation;
			}
			if (effect == Effect.CANNOT_TELL) {
				throw new SmallsException("Operation " + operation + " of " + this.migration + " ("
						+ this.operations.get(operation - 1).description() + ") was running when the process stopped, "
						+ "and whether it took effect cannot be told from the schema.",
						"Check the database for what operation " + operation + " does.");
			}
		}
		return certain;
	}

	private void checkState(int state) {
		if (state < 0 || state > size()) {
			throw new IllegalArgumentException(this.migration + " has states 0 to " + size() + ", not " + state);
		}
	}

	/**
	 * Whether the migration runs one direction by code of its own (it overrides
	 * {@code migrate} or {@code rollback}) rather than by its operations: a migrator runs that
	 * direction as it runs any migration of code.
	 * @param migration the migration
	 * @param direction migrate or rollback
	 * @return {@code true} if it is written by hand
	 */
	public static boolean isWrittenByHand(SchemaMigration migration, SmallsMigrationException.Operation direction) {
		return overrides(migration, (direction == SmallsMigrationException.Operation.MIGRATE) ? "migrate"
				: "rollback");
	}

	/** Whether a migration rolls back by hand rather than by the inverses of its operations. */
	static boolean overridesRollback(SchemaMigration migration) {
		return overrides(migration, "rollback");
	}

	private static boolean overrides(SchemaMigration migration, String method) {
		try {
			Method declared = ClassUtils.getUserClass(migration).getMethod(method, JdbcTemplate.class);
			return declared.getDeclaringClass() != SchemaMigration.class;
		}
		catch (NoSuchMethodException ex) {
			return false;
		}
	}

}
