package dev.smalls.actuate.health;

import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

import dev.smalls.LockStatus;
import dev.smalls.MigrationInfo;
import dev.smalls.MigrationNames;
import dev.smalls.MigrationState;
import dev.smalls.MigrationStatus;
import dev.smalls.DataMigration;
import dev.smalls.DataMigrationProgress;
import dev.smalls.DataMigrationState;
import dev.smalls.DependsOnData;
import dev.smalls.SmallsMigration;
import dev.smalls.SmallsMigrationException;
import dev.smalls.SmallsMigrator;

/**
 * The {@code smalls} health contributor: where the database stands against the code's
 * migrations. Details: {@code current} sequence, {@code pending} and {@code missing}
 * counts, the history {@code table}, and whether the migration lock is {@code locked}
 * (another run is under way).
 * <p>
 * The status follows one rule each way:
 * <ul>
 * <li>{@code DOWN}: the history cannot be read, or the migrations in the code are
 * inconsistent (both stop every migrate), or the last migrate or rollback run of this
 * application failed in a step, until a later run completes.</li>
 * <li>{@code OUT_OF_SERVICE}: the application migrates on start-up
 * ({@code smalls.enabled=true}) yet migrations it would apply are pending: the schema is
 * behind the code it runs (someone rolled back under it, or start-up was told not to
 * migrate). Pending migrations above {@code smalls.target} do not count, nor do data
 * migrations and the migrations that wait for them: while a backfill runs, the application
 * serves and stays {@code UP}, each data migration's progress in the {@code dataMigrations}
 * detail.</li>
 * <li>{@code UP} otherwise. {@code MISSING} migrations (applied by a newer version of the
 * application) are reported but keep it {@code UP}: during a rolling deploy every older
 * instance sees them, and taking them all out of service at once would be an outage.</li>
 * </ul>
 */
public class SmallsHealthIndicator extends AbstractHealthIndicator {

	private final SmallsMigrator migrator;

	private final LastRunOutcome lastRun;

	private final boolean migratesOnStartup;

	private final @Nullable Integer target;

	private final boolean drift;

	/**
	 * Create an indicator.
	 * @param migrator the migrator
	 * @param lastRun the outcome of this application's last run
	 * @param migratesOnStartup whether the application migrates on start-up
	 * @param target the highest sequence start-up applies, or {@code null} for all
	 */
	public SmallsHealthIndicator(SmallsMigrator migrator, LastRunOutcome lastRun,
			boolean migratesOnStartup, @Nullable Integer target) {
		this(migrator, lastRun, migratesOnStartup, target, false);
	}

	/**
	 * Create an indicator that may also report drift.
	 * @param migrator the migrator
	 * @param lastRun the outcome of the last run
	 * @param migratesOnStartup whether start-up migrates
	 * @param target the sequence start-up migrates to, or {@code null} for everything
	 * @param drift whether to read drift and show it as a detail ({@code smalls.drift.health})
	 */
	public SmallsHealthIndicator(SmallsMigrator migrator, LastRunOutcome lastRun, boolean migratesOnStartup,
			@Nullable Integer target, boolean drift) {
		super("smalls health check failed");
		this.migrator = migrator;
		this.lastRun = lastRun;
		this.migratesOnStartup = migratesOnStartup;
		this.target = target;
		this.drift = drift;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) throws Exception {
		MigrationStatus status = this.migrator.status();
		List<MigrationInfo> pending = status.inState(MigrationState.PENDING);
		long expected = startUpApplies(status, pending);
		builder.withDetail("current", status.current())
			.withDetail("pending", pending.size())
			.withDetail("missing", status.inState(MigrationState.MISSING).size())
			.withDetail("table", this.migrator.getTable());
		List<MigrationInfo> edited = status.inState(MigrationState.EDITED);
		if (!edited.isEmpty()) {
			// Shown, not DOWN: the application runs on the schema it has; the edit is for a person to check.
			builder.withDetail("edited", edited.stream().map(MigrationInfo::displayName).toList());
		}
		if (!this.migrator.dataMigrations().isEmpty()) {
			// Shown, not DOWN or OUT_OF_SERVICE: a backfill runs while the application serves.
			List<String> data = this.migrator.dataMigrations()
				.progress()
				.stream()
				.filter((progress) -> progress.state() != DataMigrationState.DONE)
				.map(DataMigrationProgress::describe)
				.toList();
			if (!data.isEmpty()) {
				builder.withDetail("dataMigrations", data);
			}
		}
		lock(builder);
		if (this.drift) {
			// Shown, not DOWN: the application runs on the schema it has; the drift is for a person to check.
			builder.withDetail("drift", this.migrator.drift().differences());
		}
		SmallsMigrationException failure = this.lastRun.getFailure();
		if (failure != null) {
			builder.down()
				.withDetail("failed", MigrationNames.display(failure.getFailedSequence(), failure.getFailedName()))
				.withDetail("operation", failure.getOperation())
				.withDetail("outcome", failure.getOutcome())
				.withDetail("error", String.valueOf(failure.getMessage()));
		}
		else if (this.migratesOnStartup && expected > 0) {
			builder.outOfService()
				.withDetail("reason", expected + " migration(s) that start-up applies are pending: the schema is "
						+ "behind the code");
		}
		else {
			builder.up();
		}
	}

	/**
	 * The pending migrations a start-up migrate applies: not data migrations, which run once
	 * the application is ready, nor a migration that waits for one ({@link DependsOnData}),
	 * nor any after it.
	 */
	private long startUpApplies(MigrationStatus status, List<MigrationInfo> pending) {
		Map<Integer, SmallsMigration> code = new HashMap<>();
		this.migrator.getMigrations().forEach((migration) -> code.put(migration.sequence(), migration));
		Set<Integer> applied = new HashSet<>();
		status.inState(MigrationState.APPLIED).forEach((migration) -> applied.add(migration.sequence()));
		long count = 0;
		for (MigrationInfo migration : pending) {
			if (this.target != null && migration.sequence() > this.target) {
				break;
			}
			SmallsMigration inCode = code.get(migration.sequence());
			if (inCode instanceof DataMigration) {
				continue;
			}
			DependsOnData waits = (inCode != null) ? inCode.getClass().getAnnotation(DependsOnData.class) : null;
			if (waits != null && Arrays.stream(waits.value()).anyMatch((sequence) -> !applied.contains(sequence))) {
				break;
			}
			count++;
		}
		return count;
	}

	private void lock(Health.Builder builder) {
		try {
			LockStatus lock = this.migrator.lockStatus();
			builder.withDetail("locked", lock.held());
			if (lock.holder() != null) {
				builder.withDetail("lockHolder", lock.holder());
			}
		}
		catch (RuntimeException ex) {
			// Whether a run is under way is a detail: not knowing it does not make smalls unhealthy.
			builder.withDetail("locked", "unknown: " + ex.getMessage());
		}
	}

}
