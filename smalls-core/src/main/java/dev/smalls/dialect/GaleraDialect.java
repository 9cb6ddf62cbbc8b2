package dev.smalls.dialect;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

import dev.smalls.dialect.lock.LockType;
import dev.smalls.dialect.lock.LockTypes;

/**
 * MariaDB or MySQL in a Galera cluster (MariaDB Galera Cluster, Percona XtraDB Cluster): the
 * lease, whatever {@code smalls.lock} says, if it says {@code auto}. {@code GET_LOCK} and
 * InnoDB row locks are each node's own, so instances connected to different nodes would each
 * hold them at once; every change of a lease is a row write the cluster certifies, so of two
 * instances taking it through different nodes, one fails to commit and waits.
 * <p>
 * Chosen by {@link SmallsDialects#detect} when the server says {@code wsrep_on} is
 * {@code ON}.
 */
final class GaleraDialect extends MySqlDialect {

	GaleraDialect(String product) {
		super(product + " Galera Cluster");
	}

	/**
	 * Whether a MariaDB or MySQL server is a node of a Galera cluster.
	 * @param connection a connection to it
	 * @return {@code true} if it replicates through wsrep
	 * @throws SQLException if its variables cannot be read
	 */
	static boolean isGalera(Connection connection) throws SQLException {
		try (Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery("SHOW VARIABLES LIKE 'wsrep_on'")) {
			return result.next() && "ON".equalsIgnoreCase(result.getString(2));
		}
	}

	@Override
	public Map<LockStrategy, LockType> locks() {
		return Map.of(LockStrategy.AUTO, LockTypes.lease(this), LockStrategy.LEASE, LockTypes.lease(this));
	}

}
