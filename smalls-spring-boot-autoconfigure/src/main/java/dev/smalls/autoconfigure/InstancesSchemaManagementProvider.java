package dev.smalls.autoconfigure;

import java.util.List;

import javax.sql.DataSource;

import org.springframework.boot.jdbc.SchemaManagement;
import org.springframework.boot.jdbc.SchemaManagementProvider;

/**
 * Tells Spring Boot that smalls manages the schema of each DataSource an instance migrates
 * on start-up, as {@link SmallsSchemaManagementProvider} does for the default set's.
 */
final class InstancesSchemaManagementProvider implements SchemaManagementProvider {

	private final List<InstanceDataSources.Resolved> migrated;

	InstancesSchemaManagementProvider(List<InstanceDataSources.Resolved> migrated) {
		this.migrated = migrated;
	}

	@Override
	public SchemaManagement getSchemaManagement(DataSource dataSource) {
		return this.migrated.stream().anyMatch((resolved) -> resolved.migratesSchemaOf(dataSource))
				? SchemaManagement.MANAGED : SchemaManagement.UNMANAGED;
	}

}
