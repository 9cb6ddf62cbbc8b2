package dev.smalls.autoconfigure;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.InitializingBean;

import dev.smalls.MigrateResult;
import dev.smalls.SmallsTenants;
import dev.smalls.TenantsOutcome;

/**
 * Migrates every tenant when the application starts, and fails the start if any tenant
 * failed, listing each one. Spring Boot makes JPA and other database users wait for it.
 */
public class SmallsTenantsInitializer implements InitializingBean {

	private static final Log logger = LogFactory.getLog(SmallsTenantsInitializer.class);

	private final SmallsTenants tenants;

	public SmallsTenantsInitializer(SmallsTenants tenants) {
		this.tenants = tenants;
	}

	@Override
	public void afterPropertiesSet() {
		TenantsOutcome<MigrateResult> outcome = this.tenants.migrate();
		int applied = outcome.outcomes()
			.stream()
			.filter((tenant) -> tenant.result() != null)
			.mapToInt((tenant) -> tenant.result().applied().size())
			.sum();
		logger.info("Migrated " + outcome.outcomes().size() + " tenant(s): " + applied + " migration(s) applied, "
				+ outcome.failed().size() + " tenant(s) failed");
		outcome.throwIfFailed();
	}

}
