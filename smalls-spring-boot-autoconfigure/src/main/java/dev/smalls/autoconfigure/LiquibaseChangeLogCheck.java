package dev.smalls.autoconfigure;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import liquibase.Contexts;
import liquibase.LabelExpression;
import liquibase.Liquibase;
import liquibase.Scope;
import liquibase.changelog.ChangeLogHistoryService;
import liquibase.changelog.ChangeLogHistoryServiceFactory;
import liquibase.changelog.ChangeSet;
import liquibase.changelog.DatabaseChangeLog;
import liquibase.changelog.RanChangeSet;
import liquibase.changelog.StandardChangeLogHistoryService;
import liquibase.changelog.filter.ChangeSetFilter;
import liquibase.changelog.filter.ContextChangeSetFilter;
import liquibase.changelog.filter.DbmsChangeSetFilter;
import liquibase.changelog.filter.IgnoreChangeSetFilter;
import liquibase.changelog.filter.LabelChangeSetFilter;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.integration.spring.SpringResourceAccessor;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ResourceLoader;

import dev.smalls.LiquibaseAdoption;
import dev.smalls.SmallsMigrator;
import dev.smalls.SmallsValidationException;
import dev.smalls.SmallsValidationException.Problem;
import dev.smalls.commands.LiquibasePendingChangeSets;

/**
 * The change sets of the application's Liquibase change log ({@code spring.liquibase.change-log},
 * with {@code spring.liquibase.contexts} and {@code label-filter}, as Spring Boot runs it)
 * that the adopted database has not run, read with Liquibase itself. Reads only: the change
 * log is parsed and Liquibase's change log table read, but Liquibase's tables are neither
 * created nor upgraded ({@link Liquibase#checkLiquibaseTables} is not called) and its lock is
 * not taken. A change set that ran and runs always, or on change, counts as run: Liquibase
 * would run it again, but it is applied.
 */
final class LiquibaseChangeLogCheck implements LiquibasePendingChangeSets {

	/** Spring Boot's default {@code spring.liquibase.change-log}. */
	static final String DEFAULT_CHANGE_LOG = "classpath:/db/changelog/db.changelog-master.yaml";

	private final ResourceLoader resourceLoader;

	private final String changeLog;

	private final List<String> contexts;

	private final List<String> labels;

	LiquibaseChangeLogCheck(ResourceLoader resourceLoader, String changeLog, List<String> contexts,
			List<String> labels) {
		this.resourceLoader = resourceLoader;
		this.changeLog = changeLog;
		this.contexts = List.copyOf(contexts);
		this.labels = List.copyOf(labels);
	}

	/**
	 * The check of the change log Spring Boot's Liquibase would run.
	 * @param environment the application's environment
	 * @param resourceLoader the application's resource loader
	 * @return the check
	 */
	static LiquibaseChangeLogCheck of(Environment environment, ResourceLoader resourceLoader) {
		Binder binder = Binder.get(environment);
		Bindable<List<String>> list = Bindable.listOf(String.class);
		return new LiquibaseChangeLogCheck(resourceLoader,
				binder.bind("spring.liquibase.change-log", String.class).orElse(DEFAULT_CHANGE_LOG),
				binder.bind("spring.liquibase.contexts", list).orElse(List.of()),
				binder.bind("spring.liquibase.label-filter", list).orElse(List.of()));
	}

	@Override
	public Check find(SmallsMigrator migrator, LiquibaseAdoption options) {
		if (!this.resourceLoader.getResource(this.changeLog).exists()) {
			return Check.unchecked("there is no change log at " + this.changeLog + " (spring.liquibase.change-log)");
		}
		try (Connection connection = migrator.getDataSource().getConnection()) {
			boolean autoCommit = connection.getAutoCommit();
			try {
				List<String> pending = pending(connection, migrator.getSchema(), options);
				return (pending != null) ? Check.of(pending)
						: Check.unchecked("Liquibase's change log table " + options.table() + " is not there");
			}
			finally {
				// Liquibase turns auto-commit off on the connection it is given; nothing was written.
				if (!connection.getAutoCommit()) {
					connection.rollback();
				}
				connection.setAutoCommit(autoCommit);
			}
		}
		catch (Exception ex) {
			throw new SmallsValidationException(Problem.ADOPTION_REFUSED, List.of(),
					"Liquibase could not read the change log " + this.changeLog + " against this database: "
							+ ex.getMessage() + ". Nothing was recorded.",
					"Fix what Liquibase says (liquibase status shows it too), or point spring.liquibase.change-log at "
							+ "the change log this database ran; then adopt again.");
		}
	}

	/** The pending change sets, or {@code null} if there is no change log table to compare with. */
	private @Nullable List<String> pending(Connection connection, @Nullable String schema,
			LiquibaseAdoption options) throws Exception {
		Database database = DatabaseFactory.getInstance()
			.findCorrectDatabaseImplementation(new JdbcConnection(connection));
		if (schema != null) {
			database.setDefaultSchemaName(schema);
		}
		String liquibaseSchema = (options.schema() != null) ? options.schema() : schema;
		if (liquibaseSchema != null) {
			database.setLiquibaseSchemaName(liquibaseSchema);
		}
		database.setDatabaseChangeLogTableName(options.table());
		database.setDatabaseChangeLogLockTableName(options.lockTable());
		SpringResourceAccessor resources = new SpringResourceAccessor(this.resourceLoader);
		return Scope.child(Map.of(Scope.Attr.database.name(), database, Scope.Attr.resourceAccessor.name(), resources),
				() -> {
					ChangeLogHistoryService history = ChangeLogHistoryServiceFactory.getInstance()
						.getChangeLogService(database);
					if (history instanceof StandardChangeLogHistoryService standard
							&& !standard.hasDatabaseChangeLogTable()) {
						return null;
					}
					List<RanChangeSet> ran = history.getRanChangeSets();
					// As Spring Boot's SpringLiquibase opens it, so that paths are recorded alike.
					DatabaseChangeLog changeLog = new Liquibase(this.changeLog, resources, database)
						.getDatabaseChangeLog();
					List<ChangeSetFilter> filters = List.of(new ContextChangeSetFilter(new Contexts(this.contexts)),
							new LabelChangeSetFilter(new LabelExpression(this.labels)), new DbmsChangeSetFilter(database),
							new IgnoreChangeSetFilter());
					List<String> pending = new ArrayList<>();
					for (ChangeSet changeSet : changeLog.getChangeSets()) {
						boolean runs = filters.stream().allMatch((filter) -> filter.accepts(changeSet).isAccepted());
						if (runs && ran.stream().noneMatch((run) -> run.isSameAs(changeSet))) {
							pending.add(changeSet.getFilePath() + "::" + changeSet.getId() + "::" + changeSet.getAuthor());
						}
					}
					return pending;
				});
	}

}
