package dev.smalls.autoconfigure;

import javax.sql.DataSource;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.jdbc.SchemaManagement;
import org.springframework.boot.jdbc.SchemaManagementProvider;

/**
 * Tells Spring Boot that smalls manages the schema of the data source it migrates on
 * start-up, so that Hibernate's default {@code ddl-auto} on an embedded database becomes
 * {@code none} instead of {@code create-drop}, which would drop the migrated tables again.
 */
final class SmallsSchemaManagementProvider implements SchemaManagementProvider {

	private final ObjectProvider<MigrationDataSource> migrationDataSource;

	SmallsSchemaManagementProvider(ObjectProvider<MigrationDataSource> migrationDataSource) {
		this.migrationDataSource = migrationDataSource;
	}

	@Override
	public SchemaManagement getSchemaManagement(DataSource dataSource) {
		// Without it, the application built its own migrator: smalls cannot tell what it migrates.
		MigrationDataSource migrated = this.migrationDataSource.getIfAvailable();
		return (migrated != null && migrated.migratesSchemaOf(dataSource)) ? SchemaManagement.MANAGED
				: SchemaManagement.UNMANAGED;
	}

}
