package dev.smalls.autoconfigure;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;

/**
 * Reports a start-up that {@code smalls.instances} stopped: a configuration that cannot be
 * set up, or one instance's migration failing, naming the instance and telling what to do in
 * terms of its own properties, endpoint paths and commands. Ahead of
 * {@link SmallsFailureAnalyzer}, which would report the failure as the default set's.
 */
final class SmallsInstancesFailureAnalyzer implements FailureAnalyzer, Ordered {

	private final StartupAdvice advice;

	SmallsInstancesFailureAnalyzer(BeanFactory beanFactory, Environment environment) {
		this.advice = new StartupAdvice(beanFactory, environment);
	}

	@Override
	public @Nullable FailureAnalysis analyze(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof InstanceConfigurationException configuration) {
				return new FailureAnalysis(configuration.getMessage(), configuration.getAction(), configuration);
			}
			if (cause instanceof InstanceMigrationException migration) {
				return new FailureAnalysis(migration.getMessage(), InstanceAdvice
					.forInstance(this.advice.actionFor(migration.getCause()), migration.getInstance()), migration);
			}
		}
		return null;
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

}
