package dev.smalls.actuate.endpoint;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;

import dev.smalls.DataMigrationProgress;
import dev.smalls.MigrateResult;
import dev.smalls.MigrationExecution;
import dev.smalls.MigrationInfo;
import dev.smalls.RepairResult;
import dev.smalls.RollbackResult;
import dev.smalls.SmallsException;
import dev.smalls.SmallsLockException;
import dev.smalls.SmallsMigrationException;
import dev.smalls.SmallsValidationException;

/**
 * The answers to write requests, as JSON objects: what a migrate, rollback or repair did, or
 * why it failed, what it did before failing, and what to do next. Alike for one database and
 * for each tenant of an {@code "allTenants"} request.
 */
final class WriteResults {

	static final int STATUS_CONFLICT = 409;

	private WriteResults() {
	}

	static Map<String, Object> migrated(MigrateResult result) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("applied", executions(result.applied()));
		body.put("batch", result.batch());
		body.put("current", result.current());
		return body;
	}

	static Map<String, Object> rolledBack(RollbackResult result) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("rolledBack", executions(result.rolledBack()));
		body.put("current", result.current());
		return body;
	}

	static Map<String, Object> accepted(MigrationInfo migration, WriteRequest request) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("sequence", migration.sequence());
		body.put("name", migration.name());
		body.put("state", migration.state().name());
		body.put("checksum", migration.checksum());
		body.put("next", "Nothing ran; the recorded checksum is now the code's. To apply what is pending, POST "
				+ EndpointAdvice.body(request) + " to /actuator/smalls/migrate.");
		return body;
	}

	static Map<String, Object> repaired(RepairResult result, WriteRequest request) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("sequence", result.sequence());
		body.put("name", result.name());
		// An interrupted migrate is repaired by undoing what took effect, an interrupted rollback by
		// applying again what it had undone.
		body.put(result.applied() ? "redone" : "undone", result.undone());
		// A migration of code: smalls undid nothing, a person did, and it only forgot the interruption.
		body.put("forgotten", result.forgotten());
		body.put("state", result.applied() ? "APPLIED" : "PENDING");
		body.put("next", result.applied()
				? "To roll it back, POST " + EndpointAdvice.body(request, "\"to\": " + (result.sequence() - 1))
						+ " to /actuator/smalls/rollback."
				: "To apply it, POST " + EndpointAdvice.body(request) + " to /actuator/smalls/migrate.");
		return body;
	}

	/**
	 * The HTTP status of a failure: 400 when nothing ran because the request does not fit the
	 * database, 409 when another instance kept the lock, 500 when a step failed.
	 * @param ex the failure
	 * @return the status
	 */
	static Map<String, Object> data(DataMigrationProgress progress) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("sequence", progress.sequence());
		body.put("name", progress.name());
		body.put("state", progress.state().name());
		body.put("rowsDone", progress.rowsDone());
		body.put("progress", progress.describe());
		body.put("next", switch (progress.state()) {
			case RUNNING -> "The background runner of each instance picks it up within smalls.data.poll-interval; "
					+ "GET /actuator/smalls to follow it.";
			default -> "It stays " + progress.state() + " across restarts: POST {\"sequence\": " + progress.sequence()
					+ "} to /actuator/smalls/resume to run it again from where it stopped.";
		});
		return body;
	}

	static int status(SmallsException ex) {
		if (ex instanceof SmallsValidationException) {
			return WebEndpointResponse.STATUS_BAD_REQUEST;
		}
		if (ex instanceof SmallsLockException) {
			return STATUS_CONFLICT;
		}
		return WebEndpointResponse.STATUS_INTERNAL_SERVER_ERROR;
	}

	/**
	 * The body of a failure: the error, what to do, and for a failed step which one failed and
	 * what completed before it.
	 * @param ex the failure
	 * @param request the request that failed
	 * @return the body
	 */
	static Map<String, Object> failure(SmallsException ex, WriteRequest request) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("error", String.valueOf(ex.getMessage()));
		body.put("action", EndpointAdvice.action(ex, request));
		if (ex instanceof SmallsMigrationException migration) {
			body.put("failed", Map.of("sequence", migration.getFailedSequence(), "name", migration.getFailedName()));
			body.put((migration.getOperation() == SmallsMigrationException.Operation.MIGRATE) ? "applied"
					: "rolledBack", executions(migration.getCompleted()));
			body.put("current", migration.getCurrent());
		}
		return body;
	}

	/**
	 * smalls' answer to a request it did not carry out: {@code {"error": ..., "action": ...}}.
	 * @param status the HTTP status
	 * @param error what went wrong
	 * @param action what to do
	 * @return the response, whose body more keys may be added to
	 */
	static WebEndpointResponse<Map<String, Object>> refusal(int status, String error, String action) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("error", error);
		body.put("action", action);
		return new WebEndpointResponse<>(body, status);
	}

	private static List<Map<String, Object>> executions(List<MigrationExecution> executions) {
		return executions.stream()
			.map((execution) -> Map.<String, Object>of("sequence", execution.sequence(), "name", execution.name(),
					"executionMillis", execution.millis()))
			.toList();
	}

}
