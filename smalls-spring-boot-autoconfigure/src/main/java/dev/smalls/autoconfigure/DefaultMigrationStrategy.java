package dev.smalls.autoconfigure;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import dev.smalls.MigrateResult;
import dev.smalls.MigrationNames;
import dev.smalls.SmallsMigrator;

/**
 * The start-up default: apply every pending migration, or those up to
 * {@code smalls.target}, and say in one line what was done.
 */
final class DefaultMigrationStrategy implements SmallsMigrationStrategy {

	private static final Log logger = LogFactory.getLog(SmallsMigrationInitializer.class);

	private final @Nullable Integer target;

	private final String set;

	DefaultMigrationStrategy(@Nullable Integer target) {
		this(target, null);
	}

	/**
	 * The default for one instance of {@code smalls.instances}, whose log lines name it.
	 * @param target the highest sequence to apply, or {@code null} for all
	 * @param instance the instance, or {@code null} for the default set
	 */
	DefaultMigrationStrategy(@Nullable Integer target, @Nullable String instance) {
		this.target = target;
		this.set = (instance != null) ? "smalls instance '" + instance + "': " : "";
	}

	@Override
	public void migrate(SmallsMigrator migrator) {
		MigrateResult result = (this.target != null) ? migrator.migrate(this.target) : migrator.migrate();
		if (result.applied().isEmpty()) {
			logger.debug(this.set + "Database is up to date at sequence " + MigrationNames.display(result.current()));
		}
		else {
			logger.info(this.set + "Applied " + result.applied().size() + " migration(s) in batch " + result.batch()
					+ "; current sequence " + MigrationNames.display(result.current()));
		}
	}

}
