package dev.smalls.autoconfigure;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The default set's start-up advice, told for an instance.
 */
class InstanceAdviceTests {

	@Test
	void propertiesTheInstanceHasOfItsOwnAreItsOwn() {
		assertThat(InstanceAdvice.forInstance("Renumber 0003, or set smalls.out-of-order=true to apply it anyway.",
				"billing"))
			.isEqualTo("Renumber 0003, or set smalls.instances.billing.out-of-order=true to apply it anyway.");
		assertThat(InstanceAdvice.forInstance("check smalls.url, smalls.user and smalls.password", "billing"))
			.isEqualTo("check smalls.instances.billing.url, smalls.instances.billing.username and "
					+ "smalls.instances.billing.password");
	}

	@Test
	void settingsEveryInstanceSharesStayTopLevel() {
		assertThat(InstanceAdvice.forInstance("set smalls.lint.mode=warn, or smalls.schema.safe-rewrites=true",
				"billing"))
			.isEqualTo("set smalls.lint.mode=warn, or smalls.schema.safe-rewrites=true");
	}

	@Test
	void pathsAndCommandsAreTheInstancesOwn() {
		assertThat(InstanceAdvice.forInstance("repair it ('smalls repair 0003', or POST {\"sequence\": 3} to "
				+ "/actuator/smalls/repair), GET /actuator/smalls", "billing"))
			.isEqualTo("repair it ('smalls repair 0003 --instance billing', or POST {\"sequence\": 3} to "
					+ "/actuator/smalls/instances/billing/repair), GET /actuator/smalls/instances/billing");
	}

}
