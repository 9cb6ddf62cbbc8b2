package dev.smalls;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * One tenant of a multi-tenant application: where its tables live.
 *
 * @param id the tenant's name, as operators call it ({@code acme})
 * @param dataSource its database
 * @param schema its schema in that database (a PostgreSQL schema, a MariaDB/MySQL
 * database, an H2 or HSQLDB schema), or {@code null} when the tenant has the database to
 * itself
 */
public record SmallsTenant(String id, DataSource dataSource, @Nullable String schema) {

	public SmallsTenant {
		Assert.hasText(id, "'id' must not be empty");
		Assert.notNull(dataSource, "'dataSource' must not be null");
	}

}
