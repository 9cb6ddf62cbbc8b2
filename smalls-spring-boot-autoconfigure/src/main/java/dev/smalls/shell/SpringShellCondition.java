package dev.smalls.shell;

import org.springframework.boot.autoconfigure.condition.ConditionEvaluationReport;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Spring Shell's auto-configuration is in use: not excluded, as a one-shot run excludes it
 * (see {@link OneShotEnvironmentPostProcessor}) and an application may. Spring Boot has no
 * condition of its own for an exclusion; that Spring Shell is on the classpath at all, its
 * {@code @ConditionalOnClass} says first.
 */
public class SpringShellCondition extends SpringBootCondition {

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		if (context.getBeanFactory() != null && ConditionEvaluationReport.get(context.getBeanFactory())
			.getExclusions()
			.contains(OneShotEnvironmentPostProcessor.SPRING_SHELL_AUTO_CONFIGURATION)) {
			return ConditionOutcome.noMatch("Spring Shell's auto-configuration is excluded");
		}
		return ConditionOutcome.match("Spring Shell's auto-configuration is in use");
	}

}
