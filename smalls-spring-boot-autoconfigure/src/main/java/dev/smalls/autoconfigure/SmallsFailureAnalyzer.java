package dev.smalls.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

import dev.smalls.SmallsException;

/**
 * Turns a smalls failure during start-up into Spring Boot's "APPLICATION FAILED TO START"
 * report: what failed, and what to do.
 */
final class SmallsFailureAnalyzer extends AbstractFailureAnalyzer<SmallsException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, SmallsException cause) {
		return new FailureAnalysis(cause.getMessage(), cause.getAction(), cause);
	}

}
