package dev.smalls.actuate.health;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

import dev.smalls.SmallsMigration;
import dev.smalls.SqlMigration;

/**
 * A web application with three migrations; the third fails while {@link #failThird} is set.
 */
@SpringBootApplication
class HealthTestApplication {

	static volatile boolean failThird;

	@Bean
	SmallsMigration createA() {
		return SqlMigration.sql(1, "create_a", "CREATE TABLE a (id INT)", "DROP TABLE a");
	}

	@Bean
	SmallsMigration createB() {
		return SqlMigration.sql(2, "create_b", "CREATE TABLE b (id INT)", "DROP TABLE b");
	}

	@Bean
	SmallsMigration createC() {
		return new SqlMigration(3, "create_c", (jdbc) -> {
			if (failThird) {
				throw new IllegalStateException("create_c was told to fail");
			}
			jdbc.execute("CREATE TABLE c (id INT)");
		}, (jdbc) -> jdbc.execute("DROP TABLE c"));
	}

}
