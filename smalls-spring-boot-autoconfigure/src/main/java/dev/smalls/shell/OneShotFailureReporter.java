package dev.smalls.shell;

import java.io.PrintWriter;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.SpringBootExceptionReporter;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * Reports an application that fails to start in a one-shot run
 * ({@code java -jar app.jar smalls status}) in two lines, what failed and what to do,
 * instead of Spring Boot's stack trace: the person at the terminal asked for a smalls
 * command, not for the application. A failure of the command's own found during the start-up
 * ({@link OneShotCommandFailure}) is printed as the command prints failures, and a command
 * that ran and failed, or found something ({@link OneShotExit}), has said everything already. The process still
 * exits non-zero. Other runs are left to Spring Boot's own reporting. Registered in
 * {@code META-INF/spring.factories}, the only way to a {@link SpringBootExceptionReporter};
 * Spring Boot creates it only when an application fails to start.
 */
@Order(Ordered.HIGHEST_PRECEDENCE)
public class OneShotFailureReporter implements SpringBootExceptionReporter {

	// Where ShellAdvice says to look for the stack trace.
	private static final Log logger = LogFactory.getLog(OneShotFailureReporter.class);

	private final @Nullable ConfigurableApplicationContext context;

	public OneShotFailureReporter(@Nullable ConfigurableApplicationContext context) {
		this.context = context;
	}

	@Override
	public boolean reportException(Throwable failure) {
		if (this.context == null || !OneShot.isOneShot(this.context.getEnvironment())) {
			return false;
		}
		if (failure instanceof OneShotExit) {
			return true;
		}
		logger.debug("The application failed to start", failure);
		PrintWriter out = OneShot.commandOutput();
		if (failure instanceof OneShotCommandFailure command) {
			command.print(out);
			return true;
		}
		StartupFailure.of(failure, this.context)
			.print(out, "the application failed to start, so the smalls command did not run: ",
					OneShot.commandName(this.context.getEnvironment()), OneShot.wantsJson(this.context.getEnvironment()));
		return true;
	}

}
