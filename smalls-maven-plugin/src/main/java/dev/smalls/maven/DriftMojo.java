package dev.smalls.maven;

import java.util.List;

import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * {@code smalls drift}: how the live schema differs from the one the history says it should
 * have. Drift fails the build. Bound to {@code verify} when listed in an execution without a
 * phase.
 */
@Mojo(name = "drift", defaultPhase = LifecyclePhase.VERIFY, requiresDependencyResolution = ResolutionScope.RUNTIME,
		threadSafe = true)
public class DriftMojo extends AbstractSmallsMojo {

	@Override
	protected List<String> command() {
		return List.of("drift");
	}

	@Override
	protected String findings() {
		return "smalls drift found that the live schema differs from the one the history says it should "
				+ "have (exit code 3): the differences are above.";
	}

}
