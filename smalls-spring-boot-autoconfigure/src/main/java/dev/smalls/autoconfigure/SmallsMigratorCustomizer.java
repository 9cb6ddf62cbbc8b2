package dev.smalls.autoconfigure;

import dev.smalls.SmallsMigrator;

/**
 * Adjusts the auto-configured {@link SmallsMigrator} before it is built. Every bean of this
 * type is applied, in {@code @Order}, after the {@code smalls.*} properties, so a customizer
 * has the last word.
 * <p>
 * For example, to record the deploying release instead of {@code user@host}:
 * <pre class="code">
 * &#64;Bean
 * SmallsMigratorCustomizer appliedByRelease(&#64;Value("${app.release}") String release) {
 *     return (builder) -&gt; builder.appliedBy("release " + release);
 * }
 * </pre>
 */
@FunctionalInterface
public interface SmallsMigratorCustomizer {

	/**
	 * Customize the builder.
	 * @param builder the builder, with the properties already applied
	 */
	void customize(SmallsMigrator.Builder builder);

}
