package dev.smalls.autoconfigure;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Whether the application configures migration sets under {@code smalls.instances}.
 */
final class InstancesConfigured extends SpringBootCondition {

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		return configured(context.getEnvironment()) ? ConditionOutcome.match("smalls.instances is set")
				: ConditionOutcome.noMatch("smalls.instances is not set");
	}

	/**
	 * Whether the environment configures instances.
	 * @param environment the environment
	 * @return {@code true} if {@code smalls.instances} names one at least
	 */
	static boolean configured(Environment environment) {
		return Binder.get(environment)
			.bind("smalls.instances", Bindable.mapOf(String.class, Object.class))
			.map((instances) -> !instances.isEmpty())
			.orElse(false);
	}

}
