package dev.smalls.maven;

import java.util.List;

import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * {@code smalls status}: every migration and its state, and the current sequence.
 */
@Mojo(name = "status", requiresDependencyResolution = ResolutionScope.RUNTIME, threadSafe = true)
public class StatusMojo extends AbstractSmallsMojo {

	@Override
	protected List<String> command() {
		return List.of("status");
	}

}
