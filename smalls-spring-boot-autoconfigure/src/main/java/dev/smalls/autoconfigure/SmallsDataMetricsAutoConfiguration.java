package dev.smalls.autoconfigure;

import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

import dev.smalls.SmallsMigrator;
import dev.smalls.actuate.metrics.SmallsDataMigrationMetrics;

/**
 * Auto-configuration of the data migrations' gauges, where Micrometer is on the class path
 * and the application runs its data migrations in the background.
 */
@AutoConfiguration(after = SmallsAutoConfiguration.class)
@ConditionalOnClass(MeterBinder.class)
@ConditionalOnBean(SmallsDataMigrationRunner.class)
public final class SmallsDataMetricsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	SmallsDataMigrationMetrics smallsDataMigrationMetrics(SmallsMigrator migrator, SmallsDataMigrationRunner runner) {
		return new SmallsDataMigrationMetrics(migrator, runner::latest);
	}

}
