package dev.smalls.autoconfigure;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import dev.smalls.SmallsInstances;
import dev.smalls.commands.LiquibasePendingChangeSets;
import dev.smalls.commands.SmallsCommandRunner;
import dev.smalls.commands.SmallsCommands;

/**
 * The standard commands of each instance of {@code smalls.instances}, on its migrator, for
 * {@code smalls <command> --instance <name>}. {@code smalls create --instance <name>} writes
 * into the instance's {@code migrations-package}, under {@code src/main/java}.
 */
final class InstanceCommands {

	private InstanceCommands() {
	}

	static Map<String, SmallsCommands> of(@Nullable SmallsInstances instances, SmallsProperties properties,
			LiquibasePendingChangeSets liquibasePending) {
		Map<String, SmallsCommands> commands = new LinkedHashMap<>();
		if (instances == null) {
			return commands;
		}
		instances.migrators().forEach((name, migrator) -> {
			SmallsCommandRunner.Builder runner = SmallsCommandRunner.forMigrator(migrator)
				.liquibasePending(liquibasePending);
			InstanceProperties instance = properties.getInstances().get(name);
			String packageName = (instance != null) ? instance.getMigrationsPackage() : null;
			if (packageName != null && !packageName.isBlank()) {
				runner.newMigrations(Path.of("src", "main", "java").resolve(packageName.replace('.', '/')),
						packageName);
			}
			commands.put(name, runner.build().commands());
		});
		return commands;
	}

}
