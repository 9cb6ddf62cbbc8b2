package dev.smalls.autoconfigure;

import java.util.function.Supplier;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.jdbc.DataSourceBuilder;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;
import org.springframework.util.StringUtils;

/**
 * The data source smalls migrates: the {@code @SmallsDataSource} bean, one of its own built
 * from {@code smalls.url}, {@code smalls.user} and {@code smalls.password}, or the
 * application's. Also knows which application data source's schema that is, so that Spring
 * Boot can be told who manages it.
 */
final class MigrationDataSource {

	private final DataSource dataSource;

	private final @Nullable DataSource schemaOf;

	private MigrationDataSource(DataSource dataSource, @Nullable DataSource schemaOf) {
		this.dataSource = dataSource;
		this.schemaOf = schemaOf;
	}

	/**
	 * Decide which data source to migrate, in the order Spring Boot's Flyway integration
	 * uses: a qualified bean, then a URL of its own, then other credentials for the
	 * application's database, then the application's data source itself.
	 * @param properties the smalls properties
	 * @param smallsDataSource the {@code @SmallsDataSource} bean, if any
	 * @param applicationDataSource the application's data source, if there is one; asked
	 * only when needed, so that an application with several may qualify one for smalls
	 * @return the data source to migrate
	 */
	static MigrationDataSource resolve(SmallsProperties properties, @Nullable DataSource smallsDataSource,
			Supplier<@Nullable DataSource> applicationDataSource) {
		if (smallsDataSource != null) {
			return new MigrationDataSource(smallsDataSource, smallsDataSource);
		}
		if (properties.getUrl() != null) {
			// Another database, as far as smalls can tell: it claims no application data source.
			return new MigrationDataSource(build(DataSourceBuilder.create().url(properties.getUrl()), properties), null);
		}
		DataSource dataSource = applicationDataSource.get();
		if (dataSource == null) {
			throw new IllegalStateException("smalls has no data source to migrate: define a DataSource bean or set "
					+ "smalls.url");
		}
		if (properties.getUser() != null) {
			return new MigrationDataSource(build(DataSourceBuilder.derivedFrom(dataSource), properties), dataSource);
		}
		return new MigrationDataSource(dataSource, dataSource);
	}

	/**
	 * A driver-managed data source: it opens a connection for each use and closes it after,
	 * so the migration credentials hold nothing open between runs and no pool outlives them.
	 */
	private static DataSource build(DataSourceBuilder<?> builder, SmallsProperties properties) {
		builder.type(SimpleDriverDataSource.class);
		builder.username(properties.getUser());
		builder.password(properties.getPassword());
		if (StringUtils.hasText(properties.getDriverClassName())) {
			builder.driverClassName(properties.getDriverClassName());
		}
		return builder.build();
	}

	/**
	 * The data source to migrate.
	 * @return the data source
	 */
	DataSource get() {
		return this.dataSource;
	}

	/**
	 * Whether migrating happens on the schema of the given application data source, through
	 * it or through other credentials for the same database.
	 * @param candidate an application data source
	 * @return {@code true} if smalls migrates its schema
	 */
	boolean migratesSchemaOf(DataSource candidate) {
		return candidate == this.dataSource || candidate == this.schemaOf;
	}

}
