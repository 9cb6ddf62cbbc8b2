package dev.smalls.dialect;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Test;

import dev.smalls.testsupport.TestDatabase;
import dev.smalls.testsupport.TestDatabase.FreshDatabase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The lease lock: exclusive while renewed, free once a dead holder's lease runs out, and a
 * holder that lost it finds out before it commits anything more.
 */
class LeaseLockTests {

	private final HsqldbDialect dialect = new HsqldbDialect();

	private static LockRequest request(Connection session, FreshDatabase db, Duration timeout) {
		return new LockRequest(session, db.dataSource(), "smalls_history", timeout, LockStrategy.LEASE,
				Duration.ofMillis(600));
	}

	@Test
	void aLeaseIsExclusiveWhileItsHolderRenewsIt() throws Exception {
		try (FreshDatabase db = TestDatabase.HSQLDB.createFreshDatabase();
				Connection first = db.dataSource().getConnection();
				Connection second = db.dataSource().getConnection()) {
			MigrationLock held = this.dialect.lock(request(first, db, Duration.ofSeconds(1)));
			assertThat(held).isNotNull();
			// Longer than the lease: only renewals keep it.
			assertThat(this.dialect.lock(request(second, db, Duration.ofMillis(1500)))).isNull();
			held.verify(first);
			held.close();
			MigrationLock next = this.dialect.lock(request(second, db, Duration.ofSeconds(1)));
			assertThat(next).isNotNull();
			next.close();
		}
	}

	@Test
	void aLeaseIsRenewedWhileAnotherLeaseInTheSameJvmWaitsForAConnection() throws Exception {
		try (FreshDatabase db = TestDatabase.HSQLDB.createFreshDatabase();
				FreshDatabase other = TestDatabase.HSQLDB.createFreshDatabase();
				HikariDataSource single = new HikariDataSource()) {
			// A run whose pool has no connection to spare: its renewals wait for one in vain.
			single.setJdbcUrl(other.url());
			single.setUsername(other.username());
			single.setPassword(other.password());
			single.setMaximumPoolSize(1);
			single.setConnectionTimeout(5000);
			try (Connection starved = single.getConnection();
					Connection first = db.dataSource().getConnection();
					Connection second = db.dataSource().getConnection()) {
				MigrationLock waitsForConnections = this.dialect.lock(new LockRequest(starved, single, "smalls_history",
						Duration.ofSeconds(1), LockStrategy.LEASE, Duration.ofMillis(300)));
				MigrationLock held = this.dialect.lock(request(first, db, Duration.ofSeconds(1)));
				assertThat(held).isNotNull();
				// Several times the lease: only renewals keep it, whatever the other run waits for.
				assertThat(this.dialect.lock(request(second, db, Duration.ofMillis(2500)))).isNull();
				held.close();
				waitsForConnections.close();
			}
		}
	}

	@Test
	void aDeadHoldersLeaseRunsOutAndItsHolderLearnsThatBeforeCommitting() throws Exception {
		try (FreshDatabase db = TestDatabase.HSQLDB.createFreshDatabase();
				Connection first = db.dataSource().getConnection();
				Connection second = db.dataSource().getConnection()) {
			LeaseLock stalled = (LeaseLock) this.dialect.lock(request(first, db, Duration.ofSeconds(1)));
			stalled.stopRenewing();
			MigrationLock next = this.dialect.lock(request(second, db, Duration.ofSeconds(5)));
			assertThat(next).isNotNull();
			assertThatExceptionOfType(SQLException.class).isThrownBy(() -> stalled.verify(first))
				.withMessageContaining("ran out and another instance holds it now");
			next.verify(second);
			next.close();
		}
	}

}
