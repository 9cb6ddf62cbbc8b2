package dev.smalls.maven;

import java.util.List;

import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * {@code smalls plan}: the exact SQL of every pending migration, code migrations included,
 * run where nothing is kept; the database does not change. A migration that fails there
 * fails the build, as migrate would fail.
 */
@Mojo(name = "plan", requiresDependencyResolution = ResolutionScope.RUNTIME, threadSafe = true)
public class PlanMojo extends AbstractSmallsMojo {

	@Override
	protected List<String> command() {
		return List.of("plan");
	}

}
