package dev.smalls.shell;

import org.springframework.boot.autoconfigure.condition.ConditionEvaluationReport;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.ClassUtils;

/**
 * Spring Shell is on the classpath and its auto-configuration is in use: not excluded, as a
 * one-shot run excludes it (see {@link OneShotEnvironmentPostProcessor}) and an application
 * may.
 */
public class SpringShellCondition extends SpringBootCondition {

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		String configuration = OneShotEnvironmentPostProcessor.SPRING_SHELL_AUTO_CONFIGURATION;
		if (!ClassUtils.isPresent(configuration, context.getClassLoader())) {
			return ConditionOutcome.noMatch("Spring Shell is not on the classpath");
		}
		if (context.getBeanFactory() != null && ConditionEvaluationReport.get(context.getBeanFactory())
			.getExclusions()
			.contains(configuration)) {
			return ConditionOutcome.noMatch("Spring Shell's auto-configuration is excluded");
		}
		return ConditionOutcome.match("Spring Shell's auto-configuration is in use");
	}

}
