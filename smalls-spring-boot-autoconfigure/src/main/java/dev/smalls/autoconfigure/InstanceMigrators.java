package dev.smalls.autoconfigure;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ListableBeanFactory;

import dev.smalls.SmallsInstances;
import dev.smalls.SmallsMigrator;

/**
 * Builds the migrator of each {@code smalls.instances} set on its database, refusing two
 * sets that would keep their history in the same table of the same database (each would
 * see the other's migrations as missing, and one lock would serve both).
 */
final class InstanceMigrators {

	private final Map<String, InstanceDataSources.Resolved> dataSources = new LinkedHashMap<>();

	private final SmallsInstances instances;

	InstanceMigrators(SmallsProperties properties, SmallsMigratorBuilders builders, ListableBeanFactory beanFactory,
			@Nullable MigrationDataSource defaultDataSource) {
		Map<String, SmallsMigrator> migrators = new LinkedHashMap<>();
		properties.getInstances().forEach((name, instance) -> {
			InstanceDataSources.Resolved resolved = InstanceDataSources.resolve(name, instance, beanFactory);
			String table = Objects.requireNonNullElse(instance.getTable(), properties.getTable());
			checkClash(name, resolved, table, properties, defaultDataSource);
			this.dataSources.put(name, resolved);
			migrators.put(name, builders.buildInstance(name, instance, resolved.dataSource()));
		});
		this.instances = SmallsInstances.of(migrators);
	}

	private void checkClash(String name, InstanceDataSources.Resolved resolved, String table,
			SmallsProperties properties, @Nullable MigrationDataSource defaultDataSource) {
		String fix = "Give one of them a history table of its own (smalls.instances." + name + ".table)";
		this.dataSources.forEach((other, otherResolved) -> {
			String otherTable = Objects.requireNonNullElse(properties.getInstances().get(other).getTable(),
					properties.getTable());
			if (otherTable.equalsIgnoreCase(table) && resolved.schemaOf() != null
					&& otherResolved.migratesSchemaOf(resolved.schemaOf())) {
				throw new InstanceConfigurationException("smalls instances '" + other + "' and '" + name + "' both "
						+ "keep their history in " + table + " of the same DataSource.", fix + ", or make them one "
								+ "instance.");
			}
		});
		// Even an empty default set clashes: its status would show the instance's migrations as
		// missing, and its start-up would take the instance's lock.
		if (defaultDataSource != null && resolved.schemaOf() != null
				&& defaultDataSource.migratesSchemaOf(resolved.schemaOf())
				&& properties.getTable().equalsIgnoreCase(table)) {
			throw new InstanceConfigurationException("smalls instance '" + name + "' and the default set (the "
					+ "migrations no instance claims) both keep their history in " + table + " of the application's "
					+ "DataSource.", fix + ", or leave its migrations in the default set and remove the instance.");
		}
	}

	SmallsInstances instances() {
		return this.instances;
	}

	Map<String, InstanceDataSources.Resolved> dataSources() {
		return this.dataSources;
	}

}
