package dev.smalls.actuate.endpoint;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;

import dev.smalls.SmallsMigration;
import dev.smalls.SqlMigration;
import dev.smalls.testapp.schema.TagsMigrations;

/**
 * A web application with three migrations; the first one's rollback always fails. With
 * {@code endpoint.test.schema=true}, two schema migrations follow: 0004_add_tags and the
 * irreversible 0005_freeze_tags.
 */
@SpringBootApplication
class EndpointTestApplication {

	@Bean
	SmallsMigration createA() {
		return new SqlMigration(1, "create_a", (jdbc) -> jdbc.execute("CREATE TABLE a (id INT)"), (jdbc) -> {
			throw new IllegalStateException("create_a cannot be undone");
		});
	}

	@Bean
	SmallsMigration createB() {
		return SqlMigration.sql(2, "create_b", "CREATE TABLE b (id INT)", "DROP TABLE b");
	}

	@Bean
	SmallsMigration createC() {
		return SqlMigration.sql(3, "create_c", "CREATE TABLE c (id INT)", "DROP TABLE c");
	}

	@Bean
	@ConditionalOnBooleanProperty("endpoint.test.schema")
	SmallsMigration addTags() {
		return TagsMigrations.ADD_TAGS;
	}

	@Bean
	@ConditionalOnBooleanProperty("endpoint.test.schema")
	SmallsMigration freezeTags() {
		return TagsMigrations.FREEZE_TAGS;
	}

}
