package dev.smalls.actuate.health;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;

import dev.smalls.dialect.MigrationLock;
import dev.smalls.dialect.SmallsDialect;
import dev.smalls.dialect.SmallsDialects;

/**
 * Finds out whether some instance holds the migration lock right now, by trying to take it
 * without waiting and, if that works, letting it go at once. The dialect's own lock is the
 * only place that knows, and a held lock never waits for the probe: at worst a migrator that
 * starts in that instant waits as long as the probe holds it, a few milliseconds.
 */
public class MigrationLockProbe {

	private final DataSource dataSource;

	private final String table;

	private volatile @Nullable SmallsDialect dialect;

	/**
	 * Create a probe.
	 * @param dataSource the data source smalls migrates
	 * @param table the history table, whose name is the lock's name
	 * @param dialect the dialect smalls was given, or {@code null} to detect it
	 */
	public MigrationLockProbe(DataSource dataSource, String table, @Nullable SmallsDialect dialect) {
		this.dataSource = dataSource;
		this.table = table;
		this.dialect = dialect;
	}

	/**
	 * Whether the lock is held.
	 * @return {@code true} if another connection holds it
	 * @throws SQLException if the database could not be asked
	 */
	public boolean isHeld() throws SQLException {
		try (Connection connection = this.dataSource.getConnection()) {
			// A run takes the lock before it creates the history table, and some dialects
			// create a lock table on first use: without a history table, probing could
			// create tables in a database smalls has never migrated, so it is skipped. It
			// misses only the moment between the first run's lock and its history table.
			if (!SmallsDialect.tableExists(connection, this.table)) {
				return false;
			}
			boolean autoCommit = connection.getAutoCommit();
			if (!autoCommit) {
				connection.setAutoCommit(true);
			}
			try {
				MigrationLock lock = dialect(connection).lock(connection, this.dataSource, this.table, Duration.ZERO);
				if (lock == null) {
					return true;
				}
				lock.close();
				return false;
			}
			finally {
				if (!autoCommit) {
					connection.setAutoCommit(false);
				}
			}
		}
	}

	private SmallsDialect dialect(Connection connection) throws SQLException {
		SmallsDialect known = this.dialect;
		if (known == null) {
			known = SmallsDialects.detect(connection);
			this.dialect = known;
		}
		return known;
	}

}
