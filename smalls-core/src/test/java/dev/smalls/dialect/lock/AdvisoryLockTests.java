package dev.smalls.dialect.lock;

import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.smalls.testsupport.Locking;
import dev.smalls.testsupport.TestDatabase;
import dev.smalls.testsupport.TestDatabase.FreshDatabase;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * PostgreSQL's advisory lock on a server shared by several databases, as one server often
 * is by several applications: each database's lock is its own, and so is its holder.
 */
class AdvisoryLockTests {

	@Test
	void theHolderNamedIsTheOneOfThisDatabaseNotOfAnotherOnTheSameServer() throws Exception {
		List<AutoCloseable> held = new ArrayList<>();
		try {
			// Other databases' migrations hold their locks first, then this database's does.
			for (int i = 1; i <= 3; i++) {
				FreshDatabase other = TestDatabase.POSTGRESQL.createFreshDatabase();
				held.add(other);
				held.add(hold(other, "other-application-" + i, held));
			}
			FreshDatabase mine = TestDatabase.POSTGRESQL.createFreshDatabase();
			held.add(mine);
			held.add(hold(mine, "this-application", held));
			try (Connection probe = mine.dataSource().getConnection()) {
				LockHolder holder = LockTypes.postgresSession().holder(Locking.request(probe, mine.dataSource(), Duration.ofSeconds(5), LockRequest.DEFAULT_LEASE));
				assertThat(holder).isNotNull();
				assertThat(holder.description()).contains("application 'this-application'");
			}
		}
		finally {
			for (int i = held.size() - 1; i >= 0; i--) {
				held.get(i).close();
			}
		}
	}

	private MigrationLock hold(FreshDatabase db, String application, List<AutoCloseable> resources) throws Exception {
		Connection connection = DriverManager.getConnection(db.url() + "?ApplicationName=" + application, db.username(),
				db.password());
		resources.add(connection);
		MigrationLock lock = LockTypes.postgresSession().acquire(Locking.request(connection, db.dataSource(),
				Duration.ofSeconds(5), LockRequest.DEFAULT_LEASE));
		assertThat(lock).isNotNull();
		return lock;
	}

}
