package dev.smalls.shell;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.shell.core.command.CommandRegistry;

import dev.smalls.commands.SmallsCommand;
import dev.smalls.commands.SmallsCommands;

/**
 * Offers every {@link SmallsCommand} at the Spring Shell prompt, as {@code smalls <name>}.
 */
public class SpringShellCommands implements SmartInitializingSingleton {

	private final CommandRegistry registry;

	private final SmallsCommands commands;

	public SpringShellCommands(CommandRegistry registry, SmallsCommands commands) {
		this.registry = registry;
		this.commands = commands;
	}

	@Override
	public void afterSingletonsInstantiated() {
		this.commands.all().forEach((command) -> this.registry.registerCommand(new SpringShellCommand(command, this.commands)));
	}

}
