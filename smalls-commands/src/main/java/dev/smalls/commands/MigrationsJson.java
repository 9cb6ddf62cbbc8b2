package dev.smalls.commands;

import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import dev.smalls.MigrationInfo;
import dev.smalls.MigrationState;
import dev.smalls.MigrationStatus;
import dev.smalls.SmallsException;
import dev.smalls.TenantOutcome;

/**
 * The parts of the {@code --json} documents of {@code status} and {@code history}: a migration,
 * and a tenant at a glance. Their fields have the names the actuator endpoint gives them
 * ({@code /actuator/smalls}), so that one parser reads both.
 */
final class MigrationsJson {

	private MigrationsJson() {
	}

	/**
	 * One migration: {@code sequence}, {@code name}, {@code state}, then, {@code null} while
	 * pending, {@code batch}, {@code migratedAt}, {@code executionMillis}, {@code appliedBy}
	 * and {@code checksum} (also {@code null} when applied before smalls recorded checksums), and
	 * {@code origin} ({@code null} unless it was recorded without smalls running it: a baseline,
	 * a migration adopted from Flyway or Liquibase).
	 * @param migration the migration
	 * @return its JSON object
	 */
	static Map<String, @Nullable Object> migration(MigrationInfo migration) {
		Map<String, @Nullable Object> json = new LinkedHashMap<>();
		json.put("sequence", migration.sequence());
		json.put("name", migration.name());
		json.put("state", migration.state());
		json.put("batch", migration.batch());
		json.put("migratedAt", migration.appliedAt());
		json.put("executionMillis", migration.executionMillis());
		json.put("appliedBy", migration.appliedBy());
		json.put("checksum", migration.checksum());
		json.put("origin", migration.origin());
		return json;
	}

	/**
	 * One tenant at a glance: {@code current}, {@code pending}, {@code missing},
	 * {@code interrupted} and {@code edited}; or, when its status could not be read,
	 * {@code error} and {@code action}.
	 * @param tenant the tenant's outcome
	 * @param retyped the command to read that tenant alone, for the action
	 * @return its JSON object
	 */
	static Map<String, @Nullable Object> tenant(TenantOutcome<MigrationStatus> tenant, String retyped) {
		Map<String, @Nullable Object> json = new LinkedHashMap<>();
		MigrationStatus status = tenant.result();
		SmallsException failure = tenant.failure();
		if (status != null) {
			json.put("current", status.current());
			json.put("pending", status.pendingCount());
			json.put("missing", status.inState(MigrationState.MISSING).size());
			json.put("interrupted", status.inState(MigrationState.INTERRUPTED).size());
			json.put("edited", status.inState(MigrationState.EDITED).size());
		}
		else if (failure != null) {
			json.put("error", failure.getMessage());
			json.put("action", ShellAdvice.action(failure, retyped, tenant.tenant()));
		}
		else {
			json.put("error", "Skipped: an earlier tenant failed, and smalls.tenants.stop-on-failure is set.");
			json.put("action", "Fix the tenant that failed, then run: " + retyped);
		}
		return json;
	}

}
