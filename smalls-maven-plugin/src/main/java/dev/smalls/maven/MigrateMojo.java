package dev.smalls.maven;

import java.util.List;

import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;
import org.jspecify.annotations.Nullable;

/**
 * {@code smalls migrate}: apply the pending migrations, all of them or up to {@code <to>}.
 * A failed migration fails the build; the ones before it stay applied.
 */
@Mojo(name = "migrate", requiresDependencyResolution = ResolutionScope.RUNTIME, threadSafe = true)
public class MigrateMojo extends AbstractSmallsMojo {

	/** The last sequence to apply, e.g. {@code 3}; by default every pending migration. */
	@Parameter(property = "smalls.to")
	private @Nullable String to;

	@Override
	protected List<String> command() {
		return (this.to != null) ? List.of("migrate", "--to", this.to) : List.of("migrate");
	}

}
