package dev.smalls.actuate.endpoint;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

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
import dev.smalls.MigrationNames;
import dev.smalls.MigrationState;
import dev.smalls.MigrationStatus;
import dev.smalls.RollbackResult;
import dev.smalls.SmallsException;
import dev.smalls.SmallsLockException;
import dev.smalls.SmallsMigrationException;
import dev.smalls.SmallsMigrator;
import dev.smalls.SmallsValidationException;
import dev.smalls.actuate.endpoint.ExpectedSequenceGuard.SequenceMismatch;
import dev.smalls.actuate.endpoint.WriteRequest.InvalidRequest;

/**
 * {@code /actuator/smalls}: the migration status, and, where the operator grants write
 * access, {@code POST /actuator/smalls/migrate} and {@code POST /actuator/smalls/rollback}.
 * Write access is off by default because rollback destroys data. A write request may carry
 * {@code "expected"}, the current sequence its sender saw: when the database has moved on
 * since, the answer is 409 and nothing changes, so a retried request cannot run twice.
 */
@Endpoint(id = SmallsEndpoint.ID, defaultAccess = Access.READ_ONLY)
public class SmallsEndpoint {

	/** The endpoint's id. */
	public static final String ID = "smalls";

	static final int STATUS_CONFLICT = 409;

	private final SmallsMigrator migrator;

	private final ExpectedSequenceGuard guard;

	/**
	 * Create an endpoint. Its {@code "expected"} checks look before the run only; to repeat
	 * them under the migration lock, build the migrator with an
	 * {@link ExpectedSequenceGuard} among its callbacks and use the other constructor.
	 * @param migrator the migrator
	 */
	public SmallsEndpoint(SmallsMigrator migrator) {
		this(migrator, new ExpectedSequenceGuard(() -> migrator));
	}

	/**
	 * Create an endpoint whose {@code "expected"} checks are repeated under the migration
	 * lock by a guard the migrator calls back.
	 * @param migrator the migrator
	 * @param guard a guard registered as one of the migrator's callbacks
	 */
	public SmallsEndpoint(SmallsMigrator migrator, ExpectedSequenceGuard guard) {
		this.migrator = migrator;
		this.guard = guard;
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
	 * @param expected the current sequence the request was meant for
	 * @return what was done, or why nothing was
	 */
	@WriteOperation
	public WebEndpointResponse<Map<String, Object>> operate(@Selector String action, @Nullable String to,
			@Nullable String batches, @Nullable String expected) {
		WriteRequest request;
		try {
			request = WriteRequest.of(action, to, batches, expected);
		}
		catch (InvalidRequest ex) {
			return response(WebEndpointResponse.STATUS_BAD_REQUEST, ex.getMessage(), ex.getAction());
		}
		try {
			return request.action().equals(WriteRequest.MIGRATE) ? migrate(request) : rollback(request);
		}
		catch (SequenceMismatch ex) {
			return mismatch(ex);
		}
		catch (SmallsValidationException ex) {
			return failure(WebEndpointResponse.STATUS_BAD_REQUEST, ex, request);
		}
		catch (SmallsLockException ex) {
			return failure(STATUS_CONFLICT, ex, request);
		}
		catch (SmallsMigrationException ex) {
			WebEndpointResponse<Map<String, Object>> response = failure(
					WebEndpointResponse.STATUS_INTERNAL_SERVER_ERROR, ex, request);
			response.getBody().put("failed", Map.of("sequence", ex.getFailedSequence(), "name", ex.getFailedName()));
			response.getBody()
				.put((ex.getOperation() == SmallsMigrationException.Operation.MIGRATE) ? "applied" : "rolledBack",
						executions(ex.getCompleted()));
			response.getBody().put("current", ex.getCurrent());
			return response;
		}
		catch (SmallsException ex) {
			// The guard's refusal under the lock reaches here as a callback's failure.
			if (ex.getCause() instanceof SequenceMismatch mismatch) {
				return mismatch(mismatch);
			}
			return failure(WebEndpointResponse.STATUS_INTERNAL_SERVER_ERROR, ex, request);
		}
	}

	private WebEndpointResponse<Map<String, Object>> migrate(WriteRequest request) {
		Integer to = request.to();
		MigrateResult result = expecting(request,
				() -> (to != null) ? this.migrator.migrate(to) : this.migrator.migrate());
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("applied", executions(result.applied()));
		body.put("batch", result.batch());
		body.put("current", result.current());
		return new WebEndpointResponse<>(body, WebEndpointResponse.STATUS_OK);
	}

	private WebEndpointResponse<Map<String, Object>> rollback(WriteRequest request) {
		Integer to = request.to();
		Integer batches = request.batches();
		RollbackResult result = expecting(request,
				() -> (to != null) ? this.migrator.rollback(to) : this.migrator.rollbackBatches(batches));
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("rolledBack", executions(result.rolledBack()));
		body.put("current", result.current());
		return new WebEndpointResponse<>(body, WebEndpointResponse.STATUS_OK);
	}

	private <T> T expecting(WriteRequest request, Supplier<T> run) {
		Integer expected = request.expected();
		return (expected != null) ? this.guard.expecting(expected, run) : run.get();
	}

	private static WebEndpointResponse<Map<String, Object>> mismatch(SequenceMismatch ex) {
		WebEndpointResponse<Map<String, Object>> response = response(STATUS_CONFLICT,
				"The database is at " + MigrationNames.display(ex.getCurrent()) + ", not at "
						+ MigrationNames.display(ex.getExpected()) + " as the request expected: it has moved on "
						+ "since. Nothing was changed.",
				"GET /actuator/smalls to see what changed. If the request still applies, send it again with "
						+ "\"expected\": " + ex.getCurrent() + ".");
		response.getBody().put("current", ex.getCurrent());
		return response;
	}

	private static List<Map<String, Object>> executions(List<MigrationExecution> executions) {
		return executions.stream()
			.map((execution) -> Map.<String, Object>of("sequence", execution.sequence(), "name", execution.name(),
					"executionMillis", execution.millis()))
			.toList();
	}

	private static WebEndpointResponse<Map<String, Object>> failure(int status, SmallsException ex,
			WriteRequest request) {
		return response(status, String.valueOf(ex.getMessage()), EndpointAdvice.action(ex, request));
	}

	/**
	 * smalls' answer to a request it did not carry out: {@code {"error": ..., "action": ...}}.
	 * @param status the HTTP status
	 * @param error what went wrong
	 * @param action what to do
	 * @return the response, whose body more keys may be added to
	 */
	static WebEndpointResponse<Map<String, Object>> response(int status, String error, String action) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("error", error);
		body.put("action", action);
		return new WebEndpointResponse<>(body, status);
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

}
