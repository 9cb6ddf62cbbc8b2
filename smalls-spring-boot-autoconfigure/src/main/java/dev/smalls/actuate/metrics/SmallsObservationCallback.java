package dev.smalls.actuate.metrics;

import java.util.List;
import java.util.Locale;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;

import org.springframework.core.Ordered;

import dev.smalls.MigrationExecution;
import dev.smalls.MigrationNames;
import dev.smalls.SmallsCallback;
import dev.smalls.SmallsException;
import dev.smalls.SmallsMigrationException.Operation;

/**
 * Observes every migration and rollback step as one {@link Observation} named
 * {@value #NAME}: a timer with the low-cardinality tags {@code operation}
 * ({@code migrate}, {@code rollback}) and {@code outcome} ({@code success},
 * {@code failure}), with {@code instance} (the migration set: {@code default} or the name
 * under {@code smalls.instances}) where the application has several sets, and a span whose {@code migration} tag (high cardinality: one value per
 * migration) names it, e.g. {@code 0003_add_email}.
 * <p>
 * The observation is current while the step runs, so JDBC observations the application
 * already has appear as its children. It is ordered first among the callbacks, so that other
 * callbacks' work on the step falls inside it too.
 */
public class SmallsObservationCallback implements SmallsCallback, Ordered {

	/** The observation's name, and so the timer's. */
	public static final String NAME = "smalls.migration";

	/** The {@code instance} tag of the default set, where the application has several. */
	public static final String DEFAULT_INSTANCE = "default";

	private final ObservationRegistry registry;

	private final @Nullable String instance;

	// Callbacks run on the migrating thread; a thread-local keeps two migrators apart.
	private final ThreadLocal<Step> current = new ThreadLocal<>();

	/**
	 * Create a callback that reports to the given registry.
	 * @param registry the registry
	 */
	public SmallsObservationCallback(ObservationRegistry registry) {
		this(registry, null);
	}

	/**
	 * Create a callback for one migration set, whose observations carry its name.
	 * @param registry the registry
	 * @param instance the {@code instance} tag, or {@code null} for none
	 */
	public SmallsObservationCallback(ObservationRegistry registry, @Nullable String instance) {
		this.registry = registry;
		this.instance = instance;
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

	@Override
	public void beforeStep(Operation operation, int sequence, String name) {
		finish("failure", null);
		Observation observation = Observation.createNotStarted(NAME, this.registry)
			.contextualName("smalls " + tag(operation))
			.lowCardinalityKeyValue("operation", tag(operation))
			.highCardinalityKeyValue("migration", MigrationNames.display(sequence, name));
		if (this.instance != null) {
			observation.lowCardinalityKeyValue("instance", this.instance);
		}
		observation.start();
		this.current.set(new Step(observation, observation.openScope()));
	}

	@Override
	public void afterStep(Operation operation, MigrationExecution step) {
		finish("success", null);
	}

	@Override
	public void onStepFailure(Operation operation, int sequence, String name, Throwable failure) {
		finish("failure", failure);
	}

	@Override
	public void afterRun(Operation operation, List<MigrationExecution> completed) {
		finish("failure", null);
	}

	@Override
	public void onFailure(Operation operation, SmallsException failure) {
		// Normally finished by onStepFailure already; this only closes what another
		// callback's failure may have left open.
		finish("failure", failure);
	}

	private void finish(String outcome, @Nullable Throwable failure) {
		Step step = this.current.get();
		if (step == null) {
			return;
		}
		this.current.remove();
		step.scope().close();
		step.observation().lowCardinalityKeyValue("outcome", outcome);
		if (failure != null) {
			step.observation().error(failure);
		}
		step.observation().stop();
	}

	private static String tag(Operation operation) {
		return operation.name().toLowerCase(Locale.ROOT);
	}

	private record Step(Observation observation, Observation.Scope scope) {
	}

}
