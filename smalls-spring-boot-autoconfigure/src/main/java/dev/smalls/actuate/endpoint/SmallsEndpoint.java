package dev.smalls.actuate.endpoint;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.Access;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;

import dev.smalls.MigrateResult;
import dev.smalls.MigrationExecution;
import dev.smalls.MigrationInfo;
import dev.smalls.MigrationState;
import dev.smalls.MigrationStatus;
import dev.smalls.RollbackResult;
import dev.smalls.SmallsException;
import dev.smalls.SmallsLockException;
import dev.smalls.SmallsMigrationException;
import dev.smalls.SmallsMigrator;
import dev.smalls.SmallsValidationException;

/**
 * {@code /actuator/smalls}: the migration status, and, where the operator grants write
 * access, {@code POST /actuator/smalls/migrate} and {@code POST /actuator/smalls/rollback}.
 * Write access is off by default because rollback destroys data.
 */
@Endpoint(id = "smalls", defaultAccess = Access.READ_ONLY)
public class SmallsEndpoint {

	private final SmallsMigrator migrator;

	public SmallsEndpoint(SmallsMigrator migrator) {
		this.migrator = migrator;
	}

	/**
	 * Every migration known to the code or the database.
	 * @return the status
	 */
	@ReadOperation
	public StatusDescriptor status() {
		MigrationStatus status = this.migrator.status();
		return new StatusDescriptor(status.current(), status.pendingCount(),
				status.migrations().stream().map(MigrationDescriptor::new).toList());
	}

	/**
	 * Migrate or roll back. Values arrive as text so that a wrong one gets an answer that
	 * names it rather than a bare 400.
	 * @param action {@code migrate} or {@code rollback}
	 * @param to the target sequence
	 * @param batches how many batches to roll back
	 * @return what was done, or why nothing was
	 */
	@WriteOperation
	public WebEndpointResponse<Map<String, Object>> operate(@Selector String action, @Nullable String to,
			@Nullable String batches) {
		try {
			return switch (action) {
				case "migrate" -> migrate(to, batches);
				case "rollback" -> rollback(to, batches);
				default -> badRequest("Unknown action '" + action + "'.",
						"POST to /actuator/smalls/migrate or /actuator/smalls/rollback.");
			};
		}
		catch (InvalidRequest ex) {
			return badRequest(ex.getMessage(), ex.action);
		}
		catch (SmallsValidationException ex) {
			return error(WebEndpointResponse.STATUS_BAD_REQUEST, ex);
		}
		catch (SmallsLockException ex) {
			return error(409, ex);
		}
		catch (SmallsMigrationException ex) {
			Map<String, Object> body = errorBody(ex);
			body.put("failed", Map.of("sequence", ex.getFailedSequence(), "name", ex.getFailedName()));
			body.put((ex.getOperation() == SmallsMigrationException.Operation.MIGRATE) ? "applied" : "rolledBack",
					executions(ex.getCompleted()));
			body.put("current", ex.getCurrent());
			return new WebEndpointResponse<>(body, WebEndpointResponse.STATUS_INTERNAL_SERVER_ERROR);
		}
		catch (SmallsException ex) {
			return error(WebEndpointResponse.STATUS_INTERNAL_SERVER_ERROR, ex);
		}
	}

	private WebEndpointResponse<Map<String, Object>> migrate(@Nullable String to, @Nullable String batches) {
		if (batches != null) {
			throw new InvalidRequest("'batches' applies to rollback only.",
					"POST {} to apply everything pending, or {\"to\": N} to stop at sequence N.");
		}
		MigrateResult result = (to != null) ? this.migrator.migrate(number("to", to)) : this.migrator.migrate();
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("applied", executions(result.applied()));
		body.put("batch", result.batch());
		body.put("current", result.current());
		return new WebEndpointResponse<>(body, WebEndpointResponse.STATUS_OK);
	}

	private WebEndpointResponse<Map<String, Object>> rollback(@Nullable String to, @Nullable String batches) {
		if ((to == null) == (batches == null)) {
			throw new InvalidRequest("A rollback needs exactly one of 'to' and 'batches'.",
					"POST {\"to\": N} to roll back everything above sequence N (0 for everything), "
							+ "or {\"batches\": K} to roll back the last K migrate runs.");
		}
		RollbackResult result = (to != null) ? this.migrator.rollback(number("to", to))
				: this.migrator.rollbackBatches(number("batches", batches));
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("rolledBack", executions(result.rolledBack()));
		body.put("current", result.current());
		return new WebEndpointResponse<>(body, WebEndpointResponse.STATUS_OK);
	}

	private static int number(String key, String value) {
		String text = value.strip();
		if (!text.matches("\\d{1,9}")) {
			throw new InvalidRequest("'" + key + "' must be a whole number of 0 or more, not '" + value + "'.",
					"Send a number, e.g. {\"" + key + "\": 2}.");
		}
		return Integer.parseInt(text);
	}

	private static List<Map<String, Object>> executions(List<MigrationExecution> executions) {
		return executions.stream()
			.map((execution) -> Map.<String, Object>of("sequence", execution.sequence(), "name", execution.name(),
					"executionMillis", execution.millis()))
			.toList();
	}

	private static WebEndpointResponse<Map<String, Object>> badRequest(String message, String action) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("error", message);
		body.put("action", action);
		return new WebEndpointResponse<>(body, WebEndpointResponse.STATUS_BAD_REQUEST);
	}

	private static WebEndpointResponse<Map<String, Object>> error(int status, SmallsException ex) {
		return new WebEndpointResponse<>(errorBody(ex), status);
	}

	private static Map<String, Object> errorBody(SmallsException ex) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("error", ex.getMessage());
		body.put("action", ex.getAction());
		return body;
	}

	/**
	 * The migration status.
	 *
	 * @param current the highest applied sequence, 0 when none
	 * @param pending how many migrations are pending
	 * @param migrations every migration, in sequence order
	 */
	public record StatusDescriptor(int current, int pending, List<MigrationDescriptor> migrations) {
	}

	/**
	 * One migration.
	 *
	 * @param sequence its sequence
	 * @param name its name
	 * @param state applied, pending or missing
	 * @param batch its batch, when applied
	 * @param migratedAt when it was applied
	 * @param executionMillis how long it took
	 * @param appliedBy who applied it
	 */
	public record MigrationDescriptor(int sequence, String name, MigrationState state, @Nullable Integer batch,
			@Nullable Instant migratedAt, @Nullable Long executionMillis, @Nullable String appliedBy) {

		MigrationDescriptor(MigrationInfo info) {
			this(info.sequence(), info.name(), info.state(), info.batch(), info.appliedAt(), info.executionMillis(),
					info.appliedBy());
		}

	}

	private static final class InvalidRequest extends RuntimeException {

		private final String action;

		InvalidRequest(String message, String action) {
			super(message);
			this.action = action;
		}

	}

}
