package dev.smalls.shell;

import java.io.PrintWriter;
import java.util.List;

import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.core.io.support.SpringFactoriesLoader;
import org.springframework.core.io.support.SpringFactoriesLoader.ArgumentResolver;
import org.springframework.core.io.support.SpringFactoriesLoader.FailureHandler;

import dev.smalls.commands.ShellAdvice;

/**
 * What went wrong before a one-shot command could run, in two lines: Spring Boot's own
 * failure analysis where it has one (a missing DataSource URL, a port in use, ...), else the
 * most specific message and smalls' advice. Never a stack trace.
 *
 * @param error what failed
 * @param action what to do
 */
record StartupFailure(String error, String action) {

	static StartupFailure of(Throwable failure, ConfigurableApplicationContext context) {
		FailureAnalysis analysis = analyze(failure, context);
		if (analysis != null && !ShellAdvice.isH2DatabaseInUse(failure)) {
			String action = analysis.getAction();
			return new StartupFailure(analysis.getDescription().strip(),
					(action != null) ? action.strip() : ShellAdvice.action(failure));
		}
		return new StartupFailure(ShellAdvice.describe(failure), ShellAdvice.action(failure));
	}

	private static @Nullable FailureAnalysis analyze(Throwable failure, ConfigurableApplicationContext context) {
		ArgumentResolver arguments = ArgumentResolver.of(BeanFactory.class, context.getBeanFactory())
			.and(Environment.class, context.getEnvironment());
		List<FailureAnalyzer> analyzers = SpringFactoriesLoader.forDefaultResourceLocation(context.getClassLoader())
			.load(FailureAnalyzer.class, arguments, FailureHandler.logging(LogFactory.getLog(StartupFailure.class)));
		for (FailureAnalyzer analyzer : analyzers) {
			try {
				FailureAnalysis analysis = analyzer.analyze(failure);
				if (analysis != null) {
					return analysis;
				}
			}
			catch (RuntimeException ex) {
				// An analyzer that fails only costs its analysis.
			}
		}
		return null;
	}

	/**
	 * Print the failure, as one JSON document when the command asked for {@code --json}.
	 * @param out where to print
	 * @param before what to say before the error
	 * @param command the command's name after {@code smalls}, if known
	 * @param json whether {@code --json} was asked for
	 */
	void print(PrintWriter out, String before, @Nullable String command, boolean json) {
		if (json) {
			OneShot.printJsonFailure(out, command, before + this.error, this.action);
			return;
		}
		print(out, before);
	}

	void print(PrintWriter out, String before) {
		out.println("Error: " + before + this.error);
		out.println("What to do: " + this.action);
		out.flush();
	}

}
