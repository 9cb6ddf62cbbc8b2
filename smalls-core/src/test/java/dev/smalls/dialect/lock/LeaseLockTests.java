package dev.smalls.dialect.lock;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Test;

import dev.smalls.dialect.HsqldbDialect;
import dev.smalls.testsupport.Locking;
import dev.smalls.testsupport.TestDatabase;
import dev.smalls.testsupport.TestDatabase.FreshDatabase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The lease lock: exclusive while renewed, free once a dead holder's lease runs out, and a
 * holder that lost it finds out before it commits anything more.
 */
class LeaseLockTests {

	private final LockType lease = LockTypes.lease(new HsqldbDialect());

	/**
	 * Renewed every third of it: a renewal must be late by two thirds of a lease (a second)
	 * before another instance can take it, which a loaded CI machine's pauses do not reach.
	 */
	private static final Duration LEASE = Duration.ofMillis(1500);

	private static LockRequest request(Connection session, FreshDatabase db, Duration timeout) {
		return Locking.request(session, db.dataSource(), timeout, LEASE);
	}

	@Test
	void aLeaseIsExclusiveWhileItsHolderRenewsIt() throws Exception {
		try (FreshDatabase db = TestDatabase.HSQLDB.createFreshDatabase();
				Connection first = db.dataSource().getConnection();
				Connection second = db.dataSource().getConnection()) {
			MigrationLock held = this.lease.acquire(request(first, db, Duration.ofSeconds(1)));
			assertThat(held).isNotNull();
			// Twice the lease: only renewals keep it.
			assertThat(this.lease.acquire(request(second, db, LEASE.multipliedBy(2)))).isNull();
			held.verify(first);
			held.close();
			MigrationLock next = this.lease.acquire(request(second, db, Duration.ofSeconds(1)));
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
				MigrationLock waitsForConnections = this.lease.acquire(Locking.request(starved, single,
						Duration.ofSeconds(1), LEASE.dividedBy(5)));
				MigrationLock held = this.lease.acquire(request(first, db, Duration.ofSeconds(1)));
				assertThat(held).isNotNull();
				// Several times the lease: only renewals keep it, whatever the other run waits for.
				assertThat(this.lease.acquire(request(second, db, LEASE.multipliedBy(2)))).isNull();
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
			LeaseLock stalled = (LeaseLock) this.lease.acquire(request(first, db, Duration.ofSeconds(1)));
			stalled.stopRenewing();
			MigrationLock next = this.lease.acquire(request(second, db, Duration.ofSeconds(5)));
			assertThat(next).isNotNull();
			assertThatExceptionOfType(SQLException.class).isThrownBy(() -> stalled.verify(first))
				.withMessageContaining("ran out and another instance holds it now");
			next.verify(second);
			next.close();
		}
	}

}
