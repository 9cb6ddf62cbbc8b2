package dev.smalls.actuate.metrics;

import io.micrometer.tracing.test.simple.SimpleTracer;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

import dev.smalls.SmallsMigration;
import dev.smalls.SqlMigration;

/**
 * A web application with metrics and a tracer that keeps its spans in memory; its second
 * migration fails while {@link #failSecond} is set.
 */
@SpringBootApplication
class ObservationTestApplication {

	static volatile boolean failSecond;

	@Bean
	SimpleTracer simpleTracer() {
		return new SimpleTracer();
	}

	@Bean
	SmallsMigration createA() {
		return SqlMigration.sql(1, "create_a", "CREATE TABLE a (id INT)", "DROP TABLE a");
	}

	@Bean
	SmallsMigration createB() {
		return new SqlMigration(2, "create_b", (jdbc) -> {
			if (failSecond) {
				throw new IllegalStateException("create_b was told to fail");
			}
			jdbc.execute("CREATE TABLE b (id INT)");
		}, (jdbc) -> jdbc.execute("DROP TABLE b"));
	}

}
