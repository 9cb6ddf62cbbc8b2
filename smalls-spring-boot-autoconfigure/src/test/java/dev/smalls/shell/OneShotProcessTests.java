package dev.smalls.shell;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code java ... smalls <command>} in a process of its own, as a script or CI job runs it:
 * output on stdout, and an exit code that says whether it worked.
 */
class OneShotProcessTests {

	private final Path database = Path.of("target", "one-shot", UUID.randomUUID().toString(), "db").toAbsolutePath();

	@Test
	void commandsRunOnceAndExitWithACodeThatSaysHowItWent() throws Exception {
		Run status = run("smalls", "status");
		assertThat(status.exitCode()).as(status.output()).isZero();
		assertThat(status.output()).containsPattern("0001\\s+create_people\\s+PENDING")
			.contains("Current sequence: 0000, 3 pending")
			.doesNotContain(" INFO ");

		Run migrate = run("smalls", "migrate", "--to", "2");
		assertThat(migrate.exitCode()).as(migrate.output()).isZero();
		assertThat(migrate.output()).contains("Migrations are complete: batch 1, current sequence 0002.");

		Run wrongTarget = run("smalls", "rollback", "0009");
		assertThat(wrongTarget.exitCode()).as(wrongTarget.output()).isEqualTo(1);
		assertThat(wrongTarget.output()).contains("Error: Cannot roll back to 0009");

		Run typo = run("smalls", "rolback", "1");
		assertThat(typo.exitCode()).as(typo.output()).isEqualTo(2);
		assertThat(typo.output()).contains("Error: unknown command 'smalls rolback 1'");

		Run failing = run("-Dshell.test.break=true", "smalls", "migrate");
		assertThat(failing.exitCode()).as(failing.output()).isEqualTo(1);
		assertThat(failing.output()).contains("Error: Migration 0003_add_city failed:").doesNotContain("\tat ");

		Run rollback = run("smalls", "rollback", "0000");
		assertThat(rollback.exitCode()).as(rollback.output()).isZero();
		assertThat(rollback.output()).contains("current sequence 0000");
	}

	private Run run(String... arguments) throws IOException, InterruptedException {
		List<String> command = new ArrayList<>();
		command.add(ProcessHandle.current().info().command().orElse("java"));
		command.add("-cp");
		command.add(System.getProperty("java.class.path"));
		command.add("-Dspring.datasource.url=jdbc:h2:file:" + this.database);
		command.add("-Dspring.jpa.hibernate.ddl-auto=none");
		List<String> jvmOptions = new ArrayList<>();
		List<String> programArguments = new ArrayList<>();
		for (String argument : arguments) {
			(argument.startsWith("-D") ? jvmOptions : programArguments).add(argument);
		}
		command.addAll(jvmOptions);
		command.add(ShellTestApplication.class.getName());
		command.addAll(programArguments);
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		byte[] output = process.getInputStream().readAllBytes();
		assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();
		return new Run(process.exitValue(), new String(output, StandardCharsets.UTF_8));
	}

	record Run(int exitCode, String output) {
	}

}
