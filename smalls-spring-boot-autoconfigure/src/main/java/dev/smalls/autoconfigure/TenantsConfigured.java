package dev.smalls.autoconfigure;

import java.util.List;

import org.springframework.boot.autoconfigure.condition.AnyNestedCondition;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.NoneNestedConditions;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Whether the application has tenants: {@code smalls.tenants.schemas} (as a comma-separated
 * value or a YAML list) or a {@link SmallsTenantSource} bean.
 */
final class TenantsConfigured extends AnyNestedCondition {

	TenantsConfigured() {
		super(ConfigurationPhase.REGISTER_BEAN);
	}

	@ConditionalOnBean(SmallsTenantSource.class)
	private static final class TenantSourceBean {

	}

	@Conditional(SchemasProperty.class)
	private static final class Schemas {

	}

	/**
	 * The opposite: an application of one schema.
	 */
	static final class NoTenants extends NoneNestedConditions {

		NoTenants() {
			super(ConfigurationPhase.REGISTER_BEAN);
		}

		@ConditionalOnBean(SmallsTenantSource.class)
		private static final class TenantSourceBean {

		}

		@Conditional(SchemasProperty.class)
		private static final class Schemas {

		}

	}

	static final class SchemasProperty extends SpringBootCondition {

		@Override
		public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
			List<String> schemas = Binder.get(context.getEnvironment())
				.bind("smalls.tenants.schemas", Bindable.listOf(String.class))
				.orElse(List.of());
			return schemas.isEmpty() ? ConditionOutcome.noMatch("smalls.tenants.schemas is not set")
					: ConditionOutcome.match("smalls.tenants.schemas names " + schemas.size() + " tenant(s)");
		}

	}

}
