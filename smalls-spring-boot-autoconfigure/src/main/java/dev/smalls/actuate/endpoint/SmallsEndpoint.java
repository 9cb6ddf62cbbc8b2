package dev.smalls.actuate.endpoint;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.ToIntFunction;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.Access;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;

import dev.smalls.DataMigrationProgress;
import dev.smalls.DataMigrationState;
import dev.smalls.LockStatus;
import dev.smalls.MigrateResult;
import dev.smalls.MigrationExecution;
import dev.smalls.MigrationInfo;
import dev.smalls.MigrationNames;
import dev.smalls.MigrationState;
import dev.smalls.MigrationStatus;
import dev.smalls.RollbackResult;
import dev.smalls.SmallsException;
import dev.smalls.SmallsInstances;
import dev.smalls.SmallsMigrator;
import dev.smalls.SmallsTenants;
import dev.smalls.TenantOutcome;
import dev.smalls.actuate.endpoint.ExpectedSequenceGuard.SequenceMismatch;
import dev.smalls.actuate.endpoint.WriteRequest.InvalidRequest;
import dev.smalls.commands.ResultDocuments;

/**
 * {@code /actuator/smalls}: the migration status and the migration lock (and, in a
 * multi-tenant application, each tenant's status at a glance, and one tenant's in full at
 * {@code /actuator/smalls/tenants/{tenant}}); where the operator grants write access,
 * {@code POST /actuator/smalls/migrate}, {@code /rollback}, {@code /repair} and {@code /accept}, each for the
 * application's database, one tenant ({@code "tenant"}) or every tenant
 * ({@code "allTenants"}). Write access is off by default because rollback destroys data. A
 * write request may carry {@code "expected"}, the current sequence its sender saw: when the
 * database has moved on since, the answer is 409 and nothing changes, so a retried request
 * cannot run twice.
 * <p>
 * Where each input is read from. Spring Boot would bind the path, the JSON body and the query
 * string into one map, each overwriting the one before; {@link SmallsEndpointRequestFilter}
 * refuses, with 400 and before anything runs, a request that relies on that:
 * <ul>
 * <li>The path: the action ({@code /migrate}, {@code /rollback}, {@code /repair}, {@code /accept}) and, for a
 * tenant's status, the tenant ({@code /tenants/{tenant}}), and nothing else. An
 * {@code "action"} key in a write's body or query string is refused, as are {@code tenant}
 * and {@code kind} in a read's query string: security rules see the path, so the path alone
 * says what runs.</li>
 * <li>The JSON body: a write's keys ({@code to}, {@code batches}, {@code expected},
 * {@code sequence}, {@code tenant}, {@code allTenants}, those the action takes), each
 * once.</li>
 * <li>The query string: the same keys, still accepted, for clients of Boot's actuator that
 * send them there; but a key counts once in the whole request, so one given twice in the
 * body, twice in the query string, or in both, is refused, naming it.</li>
 * </ul>
 * Numbers are digits alone, leading zeros allowed ({@code 3}, {@code "0003"}): a sign or a
 * space anywhere is refused, as the shell commands refuse it.
 * <p>
 * Tenants live under {@code /tenants/} rather than beside the actions, so that a tenant
 * called {@code migrate} is never confused with the action of that name.
 */
@Endpoint(id = SmallsEndpoint.ID, defaultAccess = Access.READ_ONLY)
public class SmallsEndpoint {

	/** The endpoint's id. */
	public static final String ID = "smalls";

	static final String TENANTS = "tenants";

	static final String DRIFT = "drift";

	private static final int STATUS_METHOD_NOT_ALLOWED = 405;

	static final String PLAN = "plan";

	static final String LINT = "lint";

	private final SmallsMigrator migrator;

	private final ExpectedSequenceGuard guard;

	private final EndpointTenants tenants;

	private final EndpointInstances instances;

	/**
	 * Create an endpoint. Its {@code "expected"} checks look before the run only; to repeat
	 * them under the migration lock, build the migrator with an
	 * {@link ExpectedSequenceGuard} among its callbacks and use another constructor.
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
		this(migrator, guard, null);
	}

	/**
	 * Create an endpoint for an application that may have tenants.
	 * @param migrator the application's migrator
	 * @param guard a guard registered as one of the callbacks of every migrator
	 * @param tenants the tenants, or {@code null} when the application has none
	 */
	public SmallsEndpoint(SmallsMigrator migrator, ExpectedSequenceGuard guard, @Nullable SmallsTenants tenants) {
		this(migrator, guard, tenants, null);
	}

	/**
	 * Create an endpoint for an application that may have tenants and migration sets of
	 * {@code smalls.instances}, each at {@code /actuator/smalls/instances/{name}}.
	 * @param migrator the application's migrator
	 * @param guard a guard registered as one of the callbacks of every migrator
	 * @param tenants the tenants, or {@code null} when the application has none
	 * @param instances the instances, or {@code null} when the application has none
	 */
	public SmallsEndpoint(SmallsMigrator migrator, ExpectedSequenceGuard guard, @Nullable SmallsTenants tenants,
			@Nullable SmallsInstances instances) {
		this.migrator = migrator;
		this.guard = guard;
		this.tenants = new EndpointTenants(migrator, tenants);
		this.instances = new EndpointInstances(instances);
	}

	/**
	 * Every migration known to the code or the database, the lock, and each tenant's status
	 * at a glance.
	 * @return the status
	 */
	@ReadOperation
	public StatusDescriptor status() {
		return describe(this.migrator, this.tenants.summaries(), this.instances.summaries());
	}

	/**
	 * A view that reads: {@code /actuator/smalls/drift}, how the live schema differs from the
	 * one the history says it should have; {@code /actuator/smalls/plan}, the statements of
	 * every pending migration, obtained by running them where nothing is kept;
	 * {@code /actuator/smalls/lint}, the linter's findings in them.
	 * @param view {@code drift}, {@code plan} or {@code lint}
	 * @return the view, or 404 for another name
	 */
	@ReadOperation
	public WebEndpointResponse<Object> view(@Selector String view) {
		return view(this.migrator, view);
	}

	/**
	 * A view of an instance's, as {@link #view(String)} gives the application's:
	 * {@code /actuator/smalls/instances/{instance}/drift}, {@code /plan} or {@code /lint}.
	 * @param kind {@code instances}
	 * @param instance the instance's name
	 * @param view {@code drift}, {@code plan} or {@code lint}
	 * @return the view, or 404 for another name or an unknown instance
	 */
	@ReadOperation
	public WebEndpointResponse<Object> instanceView(@Selector String kind, @Selector String instance,
			@Selector String view) {
		if (!kind.equals(EndpointInstances.INSTANCES)) {
			return notFound("/actuator/smalls/" + Texts.shown(kind) + "/" + Texts.shown(instance)
					+ " has nothing below it.", "GET /actuator/smalls/instances/<name>/drift, /plan or /lint for an "
							+ "instance's views.");
		}
		SmallsMigrator instanceMigrator;
		try {
			instanceMigrator = this.instances.migrator(instance, "");
		}
		catch (InvalidRequest ex) {
			return notFound(ex.getMessage(), ex.getAction());
		}
		WebEndpointResponse<Object> response = view(instanceMigrator, view);
		if (response.getBody() instanceof Map<?, ?> body && body.containsKey("error")) {
			@SuppressWarnings("unchecked")
			Map<String, Object> refusal = (Map<String, Object>) body;
			EndpointInstances.forInstance(refusal, instance);
		}
		return response;
	}

	private WebEndpointResponse<Object> view(SmallsMigrator migrator, String view) {
		try {
			return switch (view) {
				case DRIFT -> new WebEndpointResponse<>(ResultDocuments.drift(migrator.drift()),
						WebEndpointResponse.STATUS_OK);
				case PLAN -> new WebEndpointResponse<>(ResultDocuments.plan(migrator.plan()),
						WebEndpointResponse.STATUS_OK);
				case LINT -> new WebEndpointResponse<>(ResultDocuments.lint(migrator.lint()),
						WebEndpointResponse.STATUS_OK);
				default -> WriteRequest.ACTIONS.contains(view)
						? new WebEndpointResponse<>(WriteResults.refusal(STATUS_METHOD_NOT_ALLOWED,
								"/actuator/smalls/" + view + " is an action: it takes POST, not GET. Nothing was changed.",
								SmallsEndpointErrorResolver.WHAT_TO_SEND).getBody(), STATUS_METHOD_NOT_ALLOWED)
						: notFound("/actuator/smalls/" + Texts.shown(view) + " is not a view of smalls.",
						"GET /actuator/smalls for the status, /actuator/smalls/drift for drift, /actuator/smalls/plan "
								+ "for the pending migrations' SQL, /actuator/smalls/lint for their locking DDL.");
			};
		}
		catch (SmallsException ex) {
			return new WebEndpointResponse<>(WriteResults.refusal(WebEndpointResponse.STATUS_INTERNAL_SERVER_ERROR,
					String.valueOf(ex.getMessage()), ex.getAction()).getBody(),
					WebEndpointResponse.STATUS_INTERNAL_SERVER_ERROR);
		}
	}

	/**
	 * One tenant's status, as {@link #status()} gives the application's.
	 * @param kind {@code tenants}
	 * @param tenant the tenant's id
	 * @return the tenant's status, or 404 when there is no such tenant
	 */
	@ReadOperation
	public WebEndpointResponse<Object> tenant(@Selector String kind, @Selector String tenant) {
		if (!kind.equals(TENANTS) && !kind.equals(EndpointInstances.INSTANCES)) {
			return notFound("/actuator/smalls/" + Texts.shown(kind) + " has nothing below it.",
					"GET /actuator/smalls for the status, /actuator/smalls/tenants/<id> for one tenant's, "
							+ "/actuator/smalls/instances/<name> for one instance's.");
		}
		SmallsMigrator tenantMigrator;
		try {
			tenantMigrator = kind.equals(TENANTS) ? this.tenants.migratorToRead(tenant)
					: this.instances.migrator(tenant, "");
		}
		catch (InvalidRequest ex) {
			return notFound(ex.getMessage(), ex.getAction());
		}
		try {
			return new WebEndpointResponse<>(describe(tenantMigrator, null, null), WebEndpointResponse.STATUS_OK);
		}
		catch (SmallsException ex) {
			return new WebEndpointResponse<>(WriteResults.refusal(WebEndpointResponse.STATUS_INTERNAL_SERVER_ERROR,
					String.valueOf(ex.getMessage()), ex.getAction()).getBody(),
					WebEndpointResponse.STATUS_INTERNAL_SERVER_ERROR);
		}
	}

	private static WebEndpointResponse<Object> notFound(String error, String action) {
		return new WebEndpointResponse<>(WriteResults.refusal(WebEndpointResponse.STATUS_NOT_FOUND, error, action)
			.getBody(), WebEndpointResponse.STATUS_NOT_FOUND);
	}

	/**
	 * Migrate, roll back, repair or accept an edited migration's checksum. Values arrive as text so that a wrong one gets an answer
	 * that names it rather than a bare 400.
	 * @param action {@code migrate}, {@code rollback}, {@code repair} or {@code accept}
	 * @param to the target sequence
	 * @param batches how many batches to roll back
	 * @param expected the current sequence the request was meant for
	 * @param sequence the interrupted migration to repair, or the edited one to accept
	 * @param tenant the tenant to act on
	 * @param allTenants {@code true} to act on every tenant
	 * @return what was done, or why nothing was
	 */
	@WriteOperation
	public WebEndpointResponse<Map<String, Object>> operate(@Selector String action, @Nullable String to,
			@Nullable String batches, @Nullable String expected, @Nullable String sequence, @Nullable String tenant,
			@Nullable String allTenants) {
		WriteRequest request;
		SmallsMigrator target;
		try {
			request = WriteRequest.of(action, to, batches, expected, sequence, tenant, allTenants);
			if (request.allTenants()) {
				return this.tenants.each(request, (migrator) -> run(migrator, request));
			}
			target = this.tenants.target(request);
		}
		catch (InvalidRequest ex) {
			return WriteResults.refusal(WebEndpointResponse.STATUS_BAD_REQUEST, ex.getMessage(), ex.getAction());
		}
		return execute(target, request);
	}

	/**
	 * Migrate, roll back, repair or accept on one instance of {@code smalls.instances}, as
	 * {@link #operate} does on the application's database:
	 * {@code POST /actuator/smalls/instances/{instance}/migrate}, {@code /rollback},
	 * {@code /repair} or {@code /accept}. Instances have no tenants.
	 * @param kind {@code instances}
	 * @param instance the instance's name
	 * @param action {@code migrate}, {@code rollback}, {@code repair} or {@code accept}
	 * @param to the target sequence
	 * @param batches how many batches to roll back
	 * @param expected the current sequence the request was meant for
	 * @param sequence the interrupted migration to repair, or the edited one to accept
	 * @return what was done, or why nothing was
	 */
	@WriteOperation
	public WebEndpointResponse<Map<String, Object>> operateInstance(@Selector String kind, @Selector String instance,
			@Selector String action, @Nullable String to, @Nullable String batches, @Nullable String expected,
			@Nullable String sequence) {
		if (!kind.equals(EndpointInstances.INSTANCES)) {
			return WriteResults.refusal(WebEndpointResponse.STATUS_NOT_FOUND, "/actuator/smalls/" + Texts.shown(kind)
					+ " has no actions below it. Nothing was changed.", "POST to "
							+ "/actuator/smalls/instances/<name>/migrate, /rollback, /repair or /accept.");
		}
		WriteRequest request;
		SmallsMigrator target;
		try {
			target = this.instances.migrator(instance, " Nothing was changed.");
			request = WriteRequest.of(action, to, batches, expected, sequence, null, null);
		}
		catch (InvalidRequest ex) {
			return WriteResults.refusal(WebEndpointResponse.STATUS_BAD_REQUEST, ex.getMessage(),
					EndpointInstances.forInstance(ex.getAction(), instance));
		}
		WebEndpointResponse<Map<String, Object>> response = execute(target, request);
		EndpointInstances.forInstance(response.getBody(), instance);
		return response;
	}

	private WebEndpointResponse<Map<String, Object>> execute(SmallsMigrator target, WriteRequest request) {
		try {
			return new WebEndpointResponse<>(run(target, request), WebEndpointResponse.STATUS_OK);
		}
		catch (SequenceMismatch ex) {
			return mismatch(ex, request);
		}
		catch (SmallsException ex) {
			// The guard's refusal under the lock reaches here as a callback's failure.
			if (ex.getCause() instanceof SequenceMismatch mismatch) {
				return mismatch(mismatch, request);
			}
			return new WebEndpointResponse<>(WriteResults.failure(ex, request), WriteResults.status(ex));
		}
	}

	private Map<String, Object> run(SmallsMigrator target, WriteRequest request) {
		Integer to = request.to();
		return switch (request.action()) {
			case WriteRequest.MIGRATE -> WriteResults.migrated(
					expecting(target, request, () -> (to != null) ? target.migrate(to) : target.migrate(),
							MigrateResult::applied, MigrateResult::current));
			case WriteRequest.ROLLBACK -> WriteResults.rolledBack(expecting(target, request,
					() -> (to != null) ? target.rollback(to) : target.rollbackBatches(request.batches()),
					RollbackResult::rolledBack, RollbackResult::current));
			case WriteRequest.ACCEPT -> WriteResults.accepted(target.acceptChecksum(request.sequence()), request);
			case WriteRequest.PAUSE -> WriteResults.data(target.dataMigrations().pause(request.sequence(), "actuator"));
			case WriteRequest.RESUME -> WriteResults.data(target.dataMigrations().resume(request.sequence(), "actuator"));
			case WriteRequest.CANCEL -> WriteResults.data(target.dataMigrations().cancel(request.sequence(), "actuator"));
			default -> WriteResults.repaired(target.repair(request.sequence()), request);
		};
	}

	private <T> T expecting(SmallsMigrator target, WriteRequest request, Supplier<T> run,
			Function<T, List<MigrationExecution>> done, ToIntFunction<T> current) {
		Integer expected = request.expected();
		if (expected == null) {
			return run.get();
		}
		T result = this.guard.expecting(target, expected, run);
		// The guard's check under the lock is a callback, and the engine calls callbacks only for a
		// run that changes something. A run that found nothing left to do (an identical request
		// took the lock first and did it) never reaches that check: what it reports of the
		// database, read under the lock, is the check.
		if (done.apply(result).isEmpty() && current.applyAsInt(result) != expected) {
			throw new SequenceMismatch(expected, current.applyAsInt(result));
		}
		return result;
	}

	private static WebEndpointResponse<Map<String, Object>> mismatch(SequenceMismatch ex, WriteRequest request) {
		WebEndpointResponse<Map<String, Object>> response = WriteResults.refusal(WriteResults.STATUS_CONFLICT,
				"The database is at " + MigrationNames.display(ex.getCurrent()) + ", not at "
						+ MigrationNames.display(ex.getExpected()) + " as the request expected: it has moved on "
						+ "since. Nothing was changed.",
				"GET " + EndpointAdvice.statusPath(request) + " to see what changed. If the request still applies, "
						+ "send it again with \"expected\": " + ex.getCurrent() + ".");
		response.getBody().put("current", ex.getCurrent());
		return response;
	}

	private static StatusDescriptor describe(SmallsMigrator migrator,
			@Nullable Map<String, TenantDescriptor> tenants, @Nullable Map<String, InstanceDescriptor> instances) {
		MigrationStatus status = migrator.status();
		List<DataMigrationDescriptor> data = migrator.dataMigrations().isEmpty() ? null
				: migrator.dataMigrations().progress().stream().map(DataMigrationDescriptor::new).toList();
		return new StatusDescriptor(status.current(), status.pendingCount(),
				status.migrations().stream().map(MigrationDescriptor::new).toList(),
				new LockDescriptor(migrator.lockStatus()), tenants, status.notes(), instances, data);
	}

	/**
	 * smalls' answer to a request it did not carry out: {@code {"error": ..., "action": ...}}.
	 * @param status the HTTP status
	 * @param error what went wrong
	 * @param action what to do
	 * @return the response, whose body more keys may be added to
	 */
	static WebEndpointResponse<Map<String, Object>> response(int status, String error, String action) {
		return WriteResults.refusal(status, error, action);
	}

	/**
	 * The migration status.
	 *
	 * @param current the highest applied sequence, 0 when none
	 * @param pending how many migrations are pending
	 * @param migrations every migration, in sequence order
	 * @param lock whether another instance holds the migration lock
	 * @param tenants each tenant's status at a glance, by id, or {@code null} when the
	 * application has no tenants
	 * @param notes what else in the database a person should look at, e.g. a table the
	 * database left behind when a killed process interrupted its DDL
	 * @param instances each instance of {@code smalls.instances} at a glance, by name, or
	 * {@code null} when the application has none
	 */
	public record StatusDescriptor(int current, int pending, List<MigrationDescriptor> migrations,
			LockDescriptor lock, @Nullable Map<String, TenantDescriptor> tenants, List<String> notes,
			@Nullable Map<String, InstanceDescriptor> instances, @Nullable List<DataMigrationDescriptor> dataMigrations) {
	}

	/**
	 * A data migration's progress.
	 *
	 * @param sequence its sequence
	 * @param name its name
	 * @param state where it is
	 * @param percent how much is done, 0 to 100, or {@code null} if its total is unknown
	 * @param rowsDone the rows its batches processed
	 * @param rowsTotal the rows to process in all, or {@code null} if unknown
	 * @param batches the batches committed
	 * @param failures the batches that failed and were rolled back
	 * @param rowsPerSecond the rate of its current (or last) run
	 * @param secondsLeft how long the rest should take, or {@code null} if unknown
	 * @param runBy who runs it (or ran it last)
	 * @param updatedAt when its record last changed
	 * @param message why it stopped, if it did
	 */
	public record DataMigrationDescriptor(int sequence, String name, DataMigrationState state,
			@Nullable Double percent, long rowsDone, @Nullable Long rowsTotal, long batches, int failures,
			double rowsPerSecond, @Nullable Long secondsLeft, @Nullable String runBy, @Nullable Instant updatedAt,
			@Nullable String message) {

		DataMigrationDescriptor(DataMigrationProgress progress) {
			this(progress.sequence(), progress.name(), progress.state(),
					(progress.percent() >= 0) ? Math.floor(progress.percent() * 10) / 10 : null, progress.rowsDone(),
					(progress.rowsTotal() >= 0) ? progress.rowsTotal() : null, progress.batches(), progress.failures(),
					Math.round(progress.rowsPerSecond()), (progress.state() == DataMigrationState.RUNNING
							&& progress.timeLeft() != null) ? progress.timeLeft().toSeconds() : null,
					progress.runBy(), progress.updatedAt(), progress.message());
		}

	}

	/**
	 * One instance's status at a glance ({@code /actuator/smalls/instances/{name}} has it in
	 * full), or why it could not be read.
	 *
	 * @param current the highest applied sequence
	 * @param pending how many migrations are pending
	 * @param missing how many applied migrations are missing from the code
	 * @param error why the status could not be read, instead of the others
	 * @param interrupted how many schema migrations were interrupted and need repair
	 * @param edited how many applied migrations were edited since (their checksum differs)
	 */
	public record InstanceDescriptor(@Nullable Integer current, @Nullable Integer pending, @Nullable Integer missing,
			@Nullable String error, @Nullable Integer interrupted, @Nullable Integer edited) {

		static InstanceDescriptor of(MigrationStatus status) {
			return new InstanceDescriptor(status.current(), status.pendingCount(),
					status.inState(MigrationState.MISSING).size(), null,
					status.inState(MigrationState.INTERRUPTED).size(), status.inState(MigrationState.EDITED).size());
		}

		static InstanceDescriptor failed(String error) {
			return new InstanceDescriptor(null, null, null, error, null, null);
		}

	}

	/**
	 * One migration.
	 *
	 * @param sequence its sequence
	 * @param name its name
	 * @param state applied, pending, missing, interrupted or edited
	 * @param batch its batch, when applied
	 * @param migratedAt when it was applied
	 * @param executionMillis how long it took
	 * @param appliedBy who applied it
	 * @param checksum the checksum recorded when it was applied, if any
	 * @param origin where it came from when it was recorded without smalls running it (a
	 * baseline, a migration adopted from Flyway or Liquibase), {@code null} otherwise
	 */
	public record MigrationDescriptor(int sequence, String name, MigrationState state, @Nullable Integer batch,
			@Nullable Instant migratedAt, @Nullable Long executionMillis, @Nullable String appliedBy,
			@Nullable String checksum, @Nullable String origin) {

		MigrationDescriptor(MigrationInfo info) {
			this(info.sequence(), info.name(), info.state(), info.batch(), info.appliedAt(), info.executionMillis(),
					info.appliedBy(), info.checksum(), info.origin());
		}

	}

	/**
	 * The migration lock.
	 *
	 * @param held whether another instance holds it now
	 * @param holder who holds it, when held and the database can tell
	 * @param since since when, when held and the database can tell
	 * @param strategy how it is held ({@code smalls.lock}): {@code auto}, {@code session},
	 * {@code transaction} or {@code lease}
	 */
	public record LockDescriptor(boolean held, @Nullable String holder, @Nullable Instant since, String strategy) {

		LockDescriptor(LockStatus status) {
			this(status.held(), status.holder(), status.since(), status.strategy().name().toLowerCase(Locale.ROOT));
		}

	}

	/**
	 * One tenant's status at a glance, or why it could not be read.
	 *
	 * @param current the highest applied sequence
	 * @param pending how many migrations are pending
	 * @param missing how many applied migrations are missing from the code
	 * @param interrupted how many schema migrations were interrupted and need repair
	 * @param error why the tenant's status could not be read, instead of the others
	 * @param edited how many applied migrations were edited since (their checksum differs)
	 */
	public record TenantDescriptor(@Nullable Integer current, @Nullable Integer pending, @Nullable Integer missing,
			@Nullable Integer interrupted, @Nullable String error, @Nullable Integer edited) {

		static TenantDescriptor of(TenantOutcome<MigrationStatus> outcome) {
			MigrationStatus status = outcome.result();
			if (status == null) {
				SmallsException failure = outcome.failure();
				return new TenantDescriptor(null, null, null, null, (failure != null) ? failure.getMessage()
						: "Skipped: an earlier tenant failed, and smalls.tenants.stop-on-failure is set.", null);
			}
			return new TenantDescriptor(status.current(), status.pendingCount(),
					status.inState(MigrationState.MISSING).size(), status.inState(MigrationState.INTERRUPTED).size(),
					null, status.inState(MigrationState.EDITED).size());
		}

	}

}
