package dev.smalls.maven;

import java.util.List;

import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * {@code smalls rehearse}: the pending migrations applied on a scratch schema, rolled back
 * and applied again; a rollback that does not put the schema back fails the build. The
 * database is not touched. Bound to {@code verify} when listed in an execution without a
 * phase.
 */
@Mojo(name = "rehearse", defaultPhase = LifecyclePhase.VERIFY,
		requiresDependencyResolution = ResolutionScope.RUNTIME, threadSafe = true)
public class RehearseMojo extends AbstractSmallsMojo {

	/** Rehearse every migration from an empty scratch schema, not only the pending ones. */
	@Parameter(property = "smalls.rehearse.all", defaultValue = "false")
	private boolean all;

	@Override
	protected List<String> command() {
		return this.all ? List.of("rehearse", "--all") : List.of("rehearse");
	}

	@Override
	protected String findings() {
		return "smalls rehearse found rollbacks that do not put the schema back (exit code 3): they are "
				+ "named above.";
	}

}
