package dev.smalls.autoconfigure;

import java.util.Arrays;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.core.env.Environment;

import dev.smalls.SeedGuard;

/**
 * Refuses seeding while one of the forbidden profiles is active.
 */
final class ProfileSeedGuard implements SeedGuard {

	private final Environment environment;

	private final List<String> forbiddenProfiles;

	ProfileSeedGuard(Environment environment, List<String> forbiddenProfiles) {
		this.environment = environment;
		this.forbiddenProfiles = List.copyOf(forbiddenProfiles);
	}

	@Override
	public @Nullable String refusal() {
		List<String> active = Arrays.stream(this.environment.getActiveProfiles())
			.filter(this.forbiddenProfiles::contains)
			.toList();
		return active.isEmpty() ? null
				: "the profile '" + String.join("', '", active) + "' is active and listed in smalls.seed.forbidden-profiles";
	}

}
