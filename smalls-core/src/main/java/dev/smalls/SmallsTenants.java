package dev.smalls;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;

import org.springframework.util.Assert;

import dev.smalls.SmallsValidationException.Problem;

/**
 * The same migrations on many tenants: schema-per-tenant or database-per-tenant
 * applications, each tenant with its own history table and lock, run in parallel with
 * bounded concurrency. A failing tenant does not stop the others unless
 * {@link Builder#stopOnFailure(boolean) configured to}; every call returns each tenant's
 * outcome, and {@link TenantsOutcome#throwIfFailed()} turns any failure into one exception.
 * <pre class="code">
 * SmallsTenants tenants = SmallsTenants.builder((tenant) -&gt; SmallsMigrator.builder(tenant.dataSource())
 *         .schema(tenant.schema())
 *         .migrations(migrations)
 *         .build())
 *     .tenants(() -&gt; tenantRepository.findAll())
 *     .parallelism(4)
 *     .build();
 * tenants.migrate().throwIfFailed();
 * </pre>
 */
public final class SmallsTenants {

	private final Function<SmallsTenant, SmallsMigrator> migrators;

	private final Supplier<List<SmallsTenant>> tenants;

	private final int parallelism;

	private final boolean stopOnFailure;

	private final Map<String, SmallsMigrator> built = new ConcurrentHashMap<>();

	private SmallsTenants(Builder builder) {
		this.migrators = builder.migrators;
		this.tenants = builder.tenants;
		this.parallelism = builder.parallelism;
		this.stopOnFailure = builder.stopOnFailure;
	}

	/**
	 * Start building a multi-tenant runner.
	 * @param migrators how to build a tenant's migrator (its data source, its schema, the
	 * migrations); called once per tenant
	 * @return a builder
	 */
	public static Builder builder(Function<SmallsTenant, SmallsMigrator> migrators) {
		return new Builder(migrators);
	}

	/**
	 * The tenants, as the tenant source gives them now.
	 * @return the tenants, in order
	 * @throws SmallsValidationException if two tenants share an id
	 */
	public List<SmallsTenant> tenants() {
		List<SmallsTenant> current = List.copyOf(this.tenants.get());
		Set<String> ids = new HashSet<>();
		for (SmallsTenant tenant : current) {
			if (!ids.add(tenant.id())) {
				throw new SmallsValidationException(Problem.INVALID_ARGUMENT, List.of(),
						"Two tenants have the id '" + tenant.id() + "'. Nothing was run.",
						"Give every tenant an id of its own.");
			}
		}
		return current;
	}

	/**
	 * One tenant's migrator, for status, migrate or rollback of that tenant alone.
	 * @param id the tenant's id
	 * @return its migrator
	 * @throws SmallsValidationException if there is no such tenant
	 */
	public SmallsMigrator migrator(String id) {
		for (SmallsTenant tenant : tenants()) {
			if (tenant.id().equals(id)) {
				return migratorOf(tenant);
			}
		}
		throw new SmallsValidationException(Problem.INVALID_ARGUMENT, List.of(), "There is no tenant '"
				+ ((id.length() > 64) ? id.substring(0, 64) + "..." : id) + "'. Nothing was run.",
				"Use the id of one of the " + tenants().size() + " tenants.");
	}

	private SmallsMigrator migratorOf(SmallsTenant tenant) {
		return this.built.computeIfAbsent(tenant.id(), (id) -> this.migrators.apply(tenant));
	}

	/**
	 * Apply every pending migration on every tenant.
	 * @return each tenant's outcome
	 */
	public TenantsOutcome<MigrateResult> migrate() {
		return each(SmallsMigrator::migrate);
	}

	/**
	 * Roll every tenant back to a sequence.
	 * @param target the sequence that stays applied; 0 rolls back everything
	 * @return each tenant's outcome
	 */
	public TenantsOutcome<RollbackResult> rollback(int target) {
		return each((migrator) -> migrator.rollback(target));
	}

	/**
	 * Every tenant's status.
	 * @return each tenant's outcome
	 */
	public TenantsOutcome<MigrationStatus> status() {
		return each(SmallsMigrator::status);
	}

	/**
	 * Run anything on every tenant's migrator, at most {@code parallelism} at a time.
	 * @param <T> what the work returns
	 * @param work the work
	 * @return each tenant's outcome, in the tenants' order
	 */
	public <T> TenantsOutcome<T> each(Function<SmallsMigrator, T> work) {
		List<SmallsTenant> current = tenants();
		AtomicBoolean failed = new AtomicBoolean();
		AtomicInteger threads = new AtomicInteger();
		ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(this.parallelism, current.size())),
				(task) -> {
					Thread thread = new Thread(task, "smalls-tenant-" + threads.incrementAndGet());
					thread.setDaemon(true);
					return thread;
				});
		try {
			List<Future<TenantOutcome<T>>> running = new ArrayList<>(current.size());
			for (SmallsTenant tenant : current) {
				running.add(pool.submit(() -> {
					if (this.stopOnFailure && failed.get()) {
						return new TenantOutcome<>(tenant.id(), null, null, true);
					}
					try {
						return new TenantOutcome<>(tenant.id(), work.apply(migratorOf(tenant)), null, false);
					}
					catch (SmallsException ex) {
						failed.set(true);
						return new TenantOutcome<T>(tenant.id(), null, ex, false);
					}
					catch (RuntimeException ex) {
						failed.set(true);
						return new TenantOutcome<T>(tenant.id(), null, new SmallsException("Tenant " + tenant.id()
								+ " failed: " + ex.getMessage(), "Fix its configuration and run again.", ex), false);
					}
				}));
			}
			List<TenantOutcome<T>> outcomes = new ArrayList<>(current.size());
			for (Future<TenantOutcome<T>> outcome : running) {
				outcomes.add(outcome.get());
			}
			return new TenantsOutcome<>(outcomes);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new SmallsException("The multi-tenant run was interrupted.", "Run it again.", ex);
		}
		catch (ExecutionException ex) {
			throw new IllegalStateException(ex.getCause());
		}
		finally {
			pool.shutdownNow();
		}
	}

	/**
	 * Builds {@link SmallsTenants}.
	 */
	public static final class Builder {

		private final Function<SmallsTenant, SmallsMigrator> migrators;

		private Supplier<List<SmallsTenant>> tenants = List::of;

		private int parallelism = 2;

		private boolean stopOnFailure;

		private Builder(Function<SmallsTenant, SmallsMigrator> migrators) {
			Assert.notNull(migrators, "'migrators' must not be null");
			this.migrators = migrators;
		}

		/**
		 * A fixed list of tenants.
		 * @param tenants the tenants
		 * @return this builder
		 */
		public Builder tenants(List<SmallsTenant> tenants) {
			List<SmallsTenant> fixed = List.copyOf(tenants);
			this.tenants = () -> fixed;
			return this;
		}

		/**
		 * Where the tenants come from, asked at every call: for tenants that come and go.
		 * @param tenants the tenant source
		 * @return this builder
		 */
		public Builder tenants(Supplier<List<SmallsTenant>> tenants) {
			Assert.notNull(tenants, "'tenants' must not be null");
			this.tenants = tenants;
			return this;
		}

		/**
		 * How many tenants run at once (default 2). Each holds a connection, and a second one
		 * where its lock needs one: size the pool for it.
		 * @param parallelism 1 or more
		 * @return this builder
		 */
		public Builder parallelism(int parallelism) {
			Assert.isTrue(parallelism >= 1, "'parallelism' must be 1 or more");
			this.parallelism = parallelism;
			return this;
		}

		/**
		 * Whether the first failure stops tenants that have not started yet (default
		 * {@code false}: every tenant runs).
		 * @param stopOnFailure whether to stop
		 * @return this builder
		 */
		public Builder stopOnFailure(boolean stopOnFailure) {
			this.stopOnFailure = stopOnFailure;
			return this;
		}

		/**
		 * Build the runner. Builds no migrator yet.
		 * @return the runner
		 */
		public SmallsTenants build() {
			return new SmallsTenants(this);
		}

	}

}
