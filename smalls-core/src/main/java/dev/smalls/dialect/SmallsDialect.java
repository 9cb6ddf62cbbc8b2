package dev.smalls.dialect;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;

import dev.smalls.dialect.lock.LockType;
import dev.smalls.dialect.lock.LockTypes;
import dev.smalls.dialect.lock.MigrationLock;
import dev.smalls.dialect.lock.TableSupport;

/**
 * Everything smalls does differently per database: the migration lock, whether DDL is
 * transactional, and every piece of SQL it sends for its history table. The engine holds no
 * vendor SQL of its own.
 * <p>
 * {@link SmallsDialects} picks one per database from the connection's metadata; pass your
 * own to {@code SmallsMigrator.Builder.dialect(..)} (or declare a bean of this type in a
 * Spring Boot application) to override it. Table names given to these methods have been
 * validated as identifiers, optionally schema-qualified.
 */
public interface SmallsDialect extends TableSupport {

	/**
	 * The database's name, for messages.
	 * @return e.g. {@code PostgreSQL}
	 */
	String databaseName();

	/**
	 * Whether a failed migration's DDL is undone with its transaction. When it is not, a
	 * failure reports that the schema may hold part of the migration.
	 * @return {@code true} if DDL is transactional
	 */
	boolean supportsTransactionalDdl();

	/**
	 * How this database holds each lock strategy it supports, {@link LockStrategy#AUTO}
	 * always among them: the one place a dialect says which locks it has. The locks smalls
	 * ships come from {@link LockTypes}.
	 * @return the lock of each strategy
	 */
	Map<LockStrategy, LockType> locks();

	/**
	 * The statements around each step a run takes in a transaction: the mark, the checks
	 * that the transaction is the one the step began in and still holds the lock, the history
	 * change. The default sends the SQL of this dialect one statement at a time.
	 * @param settings the run's tables and each transaction's settings
	 * @param lock the run's lock
	 * @return statements for one run; closed when it ends
	 */
	default StepStatements stepStatements(StepStatements.Settings settings, MigrationLock lock) {
		return new PortableStepStatements(this, settings, lock);
	}

	/**
	 * How migration steps get their DDL lock and statement timeouts, how a lock timeout is
	 * told, and who held the lock. The default ignores the timeouts.
	 * @return the DDL timeouts of this database
	 */
	default DdlTimeouts ddlTimeouts() {
		return DdlTimeouts.NONE;
	}

	/**
	 * A SQL condition that is true while the session is in the transaction smalls began and
	 * false once SQL switched auto-commit on (which commits what is pending, and every
	 * statement after it): the statement that ends a step carries it, so that the check is the
	 * database's, not a pool's idea of the connection.
	 * @return the condition, or {@code null} where SQL cannot switch auto-commit on
	 */
	default @Nullable String inTransactionCondition() {
		return null;
	}

	/**
	 * What the database itself left behind in the connection's schema when a process was
	 * killed in the middle of its DDL, for a person to look at: each in a sentence that says
	 * what it is and what to do with it.
	 * @param connection a connection to the database
	 * @return the notes, empty where there is nothing (the default)
	 * @throws SQLException if the database cannot be asked
	 */
	default List<String> leftovers(Connection connection) throws SQLException {
		return List.of();
	}

	/**
	 * Whether a tenant's schema is set in each step's transaction (by
	 * {@link #stepStatements}) rather than on the run's connection ({@link #useSchema}), as
	 * it must be where a pooler in transaction mode may hand each transaction to another
	 * server session.
	 * @return {@code true} if set per transaction
	 */
	default boolean setsSchemaPerTransaction() {
		return false;
	}

	/**
	 * Create an empty place to run migrations in that must leave nothing behind: by default a
	 * new schema ({@code CREATE SCHEMA}), dropped with {@code DROP SCHEMA ... CASCADE}.
	 * @param dataSource the migrated data source
	 * @param connection a connection to it, in auto-commit mode
	 * @param name the name to give it, a plain identifier
	 * @return the scratch place; close it to drop it
	 * @throws SQLException if it cannot be created (e.g. for want of the right to)
	 */
	default Scratch createScratch(DataSource dataSource, Connection connection, String name) throws SQLException {
		return Scratch.schema(dataSource, connection, "CREATE SCHEMA " + name, name,
				"DROP SCHEMA " + name + " CASCADE");
	}

	/**
	 * What a connection's default schema is now, to be restored after a run that changed it.
	 * @param connection the run's connection
	 * @return whatever {@link #restoreSchema} needs
	 * @throws SQLException if the database cannot say
	 */
	default @Nullable Object currentSchema(Connection connection) throws SQLException {
		return connection.getSchema();
	}

	/**
	 * Make a schema the connection's default: where unqualified names in a tenant's
	 * migrations resolve.
	 * @param connection the run's connection
	 * @param schema the schema, a validated identifier
	 * @throws SQLException if it does not exist or cannot be used
	 */
	default void useSchema(Connection connection, String schema) throws SQLException {
		connection.setSchema(schema);
	}

	/**
	 * Make a schema the default for the transaction the connection is in, where
	 * {@link #setsSchemaPerTransaction()}: for work outside a migration's step, such as a
	 * data migration's batch. By default the same as {@link #useSchema}.
	 * @param connection a connection in a transaction
	 * @param schema the schema, a validated identifier
	 * @throws SQLException on failure
	 */
	default void useSchemaInTransaction(Connection connection, String schema) throws SQLException {
		useSchema(connection, schema);
	}

	/**
	 * Give a connection back its default schema.
	 * @param connection the run's connection
	 * @param saved what {@link #currentSchema} returned
	 * @throws SQLException on failure
	 */
	default void restoreSchema(Connection connection, @Nullable Object saved) throws SQLException {
		if (saved != null) {
			connection.setSchema((String) saved);
		}
	}

	/**
	 * How schema operations ({@code dev.smalls.schema}) are written as DDL on this database.
	 * The default writes standard SQL; each dialect smalls ships returns its own subclass of
	 * {@link SchemaDdl}, and so can a dialect of your own.
	 * @return the DDL rendering
	 */
	default SchemaDdl schemaDdl() {
		return SchemaDdl.standard();
	}

	/**
	 * The type of a point in time in smalls' own tables ({@link SmallsTables}).
	 * @return a SQL type name
	 */
	@Override
	default String timestampType() {
		return "TIMESTAMP";
	}

	/**
	 * The type of a column of long text (a table's definition in smalls' schema table).
	 * @return e.g. {@code CLOB}
	 */
	default String textType() {
		return "CLOB";
	}

	/**
	 * The statement that writes a mark, with seven parameters: sequence, name, operation
	 * ({@code MIGRATE} or {@code ROLLBACK}), the lowest and the highest state it may be in,
	 * fingerprint, start time.
	 * @param table the table of marks
	 * @return an {@code INSERT}
	 */
	default String insertMark(String table) {
		return "INSERT INTO " + table + " (sequence_no, name, operation, certain, possible, fingerprint, started_at) "
				+ "VALUES (?, ?, ?, ?, ?, ?, ?)";
	}

	/**
	 * The query for every history row, its columns in the order of the table's definition.
	 * @param table the table's name
	 * @return a {@code SELECT}
	 */
	default String selectHistory(String table) {
		return "SELECT sequence_no, name, batch, applied_at, execution_ms, applied_by, checksum, origin FROM " + table;
	}

	/**
	 * The query for the applied sequences only: what every start-up reads.
	 * @param table the table's name
	 * @return a {@code SELECT} of one integer column
	 */
	default String selectAppliedSequences(String table) {
		return "SELECT sequence_no FROM " + table;
	}

	/**
	 * The query for the applied sequences and their checksums: what a start-up reads when the
	 * migrations have checksums to compare.
	 * @param table the table's name
	 * @return a {@code SELECT} of an integer and a text column
	 */
	default String selectAppliedChecksums(String table) {
		return "SELECT sequence_no, checksum FROM " + table;
	}

	/**
	 * The statement that records a checksum a person accepted, with two parameters: the
	 * checksum and the sequence.
	 * @param table the table's name
	 * @return an {@code UPDATE}
	 */
	default String updateChecksum(String table) {
		return "UPDATE " + table + " SET checksum = ? WHERE sequence_no = ?";
	}

	/**
	 * The statement that records an applied migration, with eight parameters: the first seven of
	 * {@link #selectHistory(String)}'s columns, in their order, and the acknowledged lint rules.
	 * @param table the table's name
	 * @return an {@code INSERT}
	 */
	default String insertHistory(String table) {
		return "INSERT INTO " + table
				+ " (sequence_no, name, batch, applied_at, execution_ms, applied_by, checksum, acknowledged) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
	}

	/**
	 * The statement that records a migration as applied without running it (a baseline, an
	 * adopted migration), with eight parameters: the eight of {@link #selectHistory(String)}'s
	 * columns, in their order, the last the row's origin.
	 * @param table the table's name
	 * @return an {@code INSERT}
	 */
	default String insertRecordedHistory(String table) {
		return "INSERT INTO " + table
				+ " (sequence_no, name, batch, applied_at, execution_ms, applied_by, checksum, origin) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
	}

	/**
	 * The statement that records an applied migration only while the lock's
	 * {@link MigrationLock#heldCondition() condition} holds: it inserts nothing otherwise.
	 * @param table the table's name
	 * @param heldCondition the lock's condition
	 * @return an {@code INSERT ... SELECT ... WHERE}
	 */
	default String insertHistory(String table, String heldCondition) {
		return "INSERT INTO " + table + " (sequence_no, name, batch, applied_at, execution_ms, applied_by, checksum, acknowledged) "
				+ "SELECT ?, ?, ?, ?, ?, ?, ?, ? WHERE " + heldCondition;
	}

	/**
	 * The statement that forgets a rolled-back migration, with its sequence as the parameter.
	 * @param table the table's name
	 * @return a {@code DELETE}
	 */
	default String deleteHistory(String table) {
		return "DELETE FROM " + table + " WHERE sequence_no = ?";
	}

	/**
	 * The statement that forgets a rolled-back migration only while the lock's condition
	 * holds.
	 * @param table the table's name
	 * @param heldCondition the lock's condition
	 * @return a {@code DELETE}
	 */
	default String deleteHistory(String table, String heldCondition) {
		return deleteHistory(table) + " AND " + heldCondition;
	}

	/**
	 * Whether a query that names only {@code table} failed because the table does not exist.
	 * The default trusts the X/Open {@code 42S02} and PostgreSQL's {@code 42P01} SQL states
	 * and otherwise asks the connection's metadata.
	 * @param connection the connection the query ran on
	 * @param table the table's name
	 * @param failure what the query threw
	 * @return {@code true} if the table is missing
	 * @throws SQLException if the metadata cannot be read
	 */
	@Override
	default boolean isMissingTable(Connection connection, String table, SQLException failure) throws SQLException {
		String state = failure.getSQLState();
		if ("42S02".equals(state) || "42P01".equals(state)) {
			return true;
		}
		return !tableExists(connection, table);
	}

	/**
	 * Whether a {@code CREATE TABLE} failed because the table exists, as it does when another
	 * instance created it first.
	 * @param failure what the statement threw
	 * @return {@code true} if the table already exists
	 */
	@Override
	default boolean isAlreadyExists(SQLException failure) {
		String state = failure.getSQLState();
		String message = (failure.getMessage() != null) ? failure.getMessage().toLowerCase(Locale.ROOT) : "";
		return "42S01".equals(state) || "42P07".equals(state) || "42504".equals(state)
				|| message.contains("already exists");
	}

	/**
	 * Whether an {@code INSERT} failed because the key exists, as it does when another
	 * instance inserted the row first.
	 * @param failure what the statement threw
	 * @return {@code true} for a duplicate key
	 */
	@Override
	default boolean isDuplicateKey(SQLException failure) {
		String state = failure.getSQLState();
		return state != null && state.startsWith("23");
	}

	/**
	 * The rows of the current schema's tables (and indexes, and materialized views) as the
	 * database estimates them, in one query, for the linter to tell a small table from a large
	 * one. A relation missing from the map has an unknown size. The default knows none.
	 * @param connection the connection
	 * @return estimated rows by relation name
	 * @throws SQLException if the catalog cannot be read
	 */
	default Map<String, Long> relationRows(Connection connection) throws SQLException {
		return Map.of();
	}

	/**
	 * Whether a table exists, asked so that the answer is cheap and, in a transaction, does
	 * not end it. The default runs a query that reads no row (in a transaction, behind a
	 * savepoint) and recognises a missing table's failure by {@link #isMissingTable};
	 * PostgreSQL asks its catalog instead.
	 * @param connection the connection
	 * @param table the table's name, optionally schema-qualified
	 * @return {@code true} if it exists
	 * @throws SQLException if the database cannot be asked
	 */
	default boolean hasTable(Connection connection, String table) throws SQLException {
		// In a transaction, behind a savepoint: on some databases a failed statement ends it.
		Savepoint savepoint = connection.getAutoCommit() ? null : connection.setSavepoint();
		try (Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery("SELECT 1 FROM " + table + " WHERE 1 = 0")) {
			return true;
		}
		catch (SQLException ex) {
			if (savepoint != null) {
				connection.rollback(savepoint);
			}
			if (isMissingTable(connection, table, ex)) {
				return false;
			}
			throw ex;
		}
	}

	/**
	 * Whether a table exists where the connection resolves unqualified names (or in the
	 * named schema), by the JDBC metadata, in either case.
	 * @param connection the connection
	 * @param table the table's name, optionally schema-qualified
	 * @return {@code true} if found
	 * @throws SQLException if the metadata cannot be read
	 */
	static boolean tableExists(Connection connection, String table) throws SQLException {
		DatabaseMetaData metaData = connection.getMetaData();
		int dot = table.indexOf('.');
		String name = table.substring(dot + 1);
		String[][] places = (dot < 0) ? new String[][] { { connection.getCatalog(), connection.getSchema() } }
				: new String[][] { { null, table.substring(0, dot) }, { table.substring(0, dot), null } };
		for (String[] place : places) {
			for (boolean upper : new boolean[] { false, true }) {
				String catalog = (place[0] != null && place[1] != null) ? place[0] : cased(place[0], upper);
				try (ResultSet tables = metaData.getTables(catalog, cased(place[1], upper), cased(name, upper), null)) {
					while (tables.next()) {
						// Some drivers ignore what they do not support (MariaDB: schemas) and answer for
						// every database: only a table where it was asked for counts.
						if (dot < 0 || ((place[0] == null || place[0].equalsIgnoreCase(tables.getString("TABLE_CAT")))
								&& (place[1] == null || place[1].equalsIgnoreCase(tables.getString("TABLE_SCHEM"))))) {
							return true;
						}
					}
				}
			}
		}
		return false;
	}

	private static @Nullable String cased(@Nullable String identifier, boolean upper) {
		if (identifier == null) {
			return null;
		}
		return upper ? identifier.toUpperCase(Locale.ROOT) : identifier.toLowerCase(Locale.ROOT);
	}

}
