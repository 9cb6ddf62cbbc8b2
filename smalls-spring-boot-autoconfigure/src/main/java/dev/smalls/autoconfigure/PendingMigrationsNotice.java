package dev.smalls.autoconfigure;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.ApplicationListener;

import dev.smalls.SmallsMigrator;
import dev.smalls.shell.OneShot;

/**
 * Says in the start-up log of an application that does not migrate on start-up
 * ({@code smalls.enabled} not {@code true}) how many migrations are pending, and what applies
 * them: otherwise the first request that needs a new table is the first sign, and it says
 * "Table not found". One read of the history, without the lock; a database that cannot be
 * read is left for the application's own use of it to report. Said once the application has
 * started, before its runners (the shell prompt among them); not in a one-shot run, whose
 * command says everything itself.
 */
class PendingMigrationsNotice implements ApplicationListener<ApplicationStartedEvent> {

	private static final Log logger = LogFactory.getLog(PendingMigrationsNotice.class);

	private final ObjectProvider<SmallsMigrator> migrator;

	PendingMigrationsNotice(ObjectProvider<SmallsMigrator> migrator) {
		this.migrator = migrator;
	}

	@Override
	public void onApplicationEvent(ApplicationStartedEvent event) {
		if (OneShot.isOneShot(event.getApplicationContext().getEnvironment())) {
			return;
		}
		int pending;
		try {
			SmallsMigrator migrator = this.migrator.getIfUnique();
			if (migrator == null) {
				return;
			}
			pending = migrator.status().pendingCount();
		}
		catch (RuntimeException ex) {
			logger.debug("Could not read the migration status at start-up", ex);
			return;
		}
		if (pending > 0) {
			String them = (pending == 1) ? "it" : "them";
			logger.warn(((pending == 1) ? "1 migration is" : pending + " migrations are") + " pending, and smalls "
					+ "does not apply " + them + " on start-up (smalls.enabled is not true): what needs " + them
					+ " will fail. Apply " + them + " on start-up with smalls.enabled=true, or run: smalls migrate");
		}
	}

}
