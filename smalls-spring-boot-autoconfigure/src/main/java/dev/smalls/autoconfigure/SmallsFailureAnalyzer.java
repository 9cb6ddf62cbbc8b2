package dev.smalls.autoconfigure;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.env.Environment;

import dev.smalls.SmallsException;

/**
 * Turns a smalls failure during start-up into Spring Boot's "APPLICATION FAILED TO START"
 * report: what failed, as the engine says it, and what to do, in terms of the application's
 * configuration rather than of the {@code SmallsMigrator} API.
 */
final class SmallsFailureAnalyzer extends AbstractFailureAnalyzer<SmallsException> {

	private final StartupAdvice advice;

	SmallsFailureAnalyzer(BeanFactory beanFactory, Environment environment) {
		this.advice = new StartupAdvice(beanFactory, environment);
	}

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, SmallsException cause) {
		return new FailureAnalysis(cause.getMessage(), this.advice.actionFor(cause), cause);
	}

}
