package dev.smalls.maven;

import java.util.List;

import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * {@code smalls lint}: locking DDL and statements in the pending migrations, each with the
 * safe way to write it. A problem (a warning or an error not acknowledged) fails the build.
 * Bound to {@code verify} when listed in an execution without a phase.
 */
@Mojo(name = "lint", defaultPhase = LifecyclePhase.VERIFY, requiresDependencyResolution = ResolutionScope.RUNTIME,
		threadSafe = true)
public class LintMojo extends AbstractSmallsMojo {

	@Override
	protected List<String> command() {
		return List.of("lint");
	}

	@Override
	protected String findings() {
		return "smalls lint found problems in the pending migrations (exit code 3): write each the safe way "
				+ "shown above, or acknowledge it in the migration with a reason.";
	}

}
