package dev.smalls.shell;

import java.sql.Connection;
import java.time.Duration;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.smalls.SmallsMigrator;
import dev.smalls.dialect.LockStrategy;
import dev.smalls.dialect.lock.LockRequest;
import dev.smalls.dialect.lock.MigrationLock;
import dev.smalls.testsupport.Locking;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Where the engine's advice speaks to a programmer, the shell says what to type or set.
 */
@ShellSessionTest
class SmallsShellAdviceTests {

	@Autowired
	private ShellSession shell;

	@Autowired
	private SmallsMigrator migrator;

	@Autowired
	private JdbcTemplate jdbc;

	@Autowired
	private DataSource dataSource;

	@BeforeEach
	void emptyDatabase() {
		this.jdbc.execute("DROP ALL OBJECTS");
	}

	@Test
	void aPendingMigrationBelowTheCurrentSequenceNamesThePropertyThatAllowsIt() throws Exception {
		this.migrator.migrate();
		this.jdbc.update("DELETE FROM smalls_history WHERE sequence_no = 2");
		ShellSession.Result result = this.shell.send("smalls migrate");
		assertThat(result.exitCode()).isEqualTo(1);
		assertThat(result.output()).contains("0002_add_age is pending but 0003 is already applied")
			.contains("renumber 0002 above the current sequence")
			.contains("java -jar app.jar --smalls.out-of-order=true smalls migrate")
			.doesNotContain("outOfOrder(true)");
	}

	@Test
	void migratingBelowTheCurrentSequenceNamesTheRollbackToType() throws Exception {
		this.migrator.migrate();
		ShellSession.Result result = this.shell.send("smalls migrate --to 1");
		assertThat(result.exitCode()).isEqualTo(1);
		assertThat(result.output()).contains("Cannot migrate to 0001").contains("run: smalls rollback 0001");
		assertThat(this.migrator.status().current()).isEqualTo(3);
	}

	@Test
	void aMissingMigrationInTheWayPointsAtTheHistory() throws Exception {
		this.migrator.migrate();
		this.jdbc.update("INSERT INTO smalls_history (sequence_no, name, batch, applied_at, execution_ms, applied_by) "
				+ "VALUES (50, 'ghost', 9, CURRENT_TIMESTAMP, 1, 'someone')");
		ShellSession.Result result = this.shell.send("smalls rollback 0001");
		assertThat(result.exitCode()).isEqualTo(1);
		assertThat(result.output()).contains("0050_ghost is recorded as applied")
			.contains("smalls history shows when and by whom 0050 was applied");
		assertThat(this.migrator.status().current()).isEqualTo(50);
	}

	@Test
	void aLockHeldByAnotherInstanceNamesTheTimeoutAndTheCommandToRunAgain() throws Exception {
		try (Connection other = this.dataSource.getConnection()) {
			MigrationLock lock = Locking.take(LockStrategy.AUTO,
					Locking.request(other, this.dataSource, this.migrator.getTable(), Duration.ofSeconds(5),
							LockRequest.DEFAULT_LEASE));
			assertThat(lock).isNotNull();
			try {
				ShellSession.Result result = this.shell.send("smalls migrate");
				assertThat(result.exitCode()).isEqualTo(1);
				assertThat(result.output()).contains("Nothing was run")
					.contains("The wait is smalls.lock-timeout; once the other instance is done, run smalls migrate again.");
			}
			finally {
				lock.close();
			}
		}
		assertThat(this.migrator.status().current()).isZero();
	}

}
