package dev.smalls;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Puts a migration in one of the application's migration sets, by the set's name: with
 * Spring Boot, an instance configured under {@code smalls.instances.<name>}. A migration
 * without it, and outside the package of every set, belongs to the application's default
 * set. Goes on the migration's class or on the {@code @Bean} method that declares it.
 * <pre class="code">
 * &#64;Component
 * &#64;SmallsSet("billing")
 * class M0001CreateInvoices implements SmallsMigration { ... }
 * </pre>
 * Only an annotation: the migration keeps depending on smalls-core alone.
 */
@Target({ ElementType.TYPE, ElementType.METHOD })
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface SmallsSet {

	/**
	 * The name of the set, as configured ({@code billing} for
	 * {@code smalls.instances.billing.*}).
	 * @return the set's name
	 */
	String value();

}
