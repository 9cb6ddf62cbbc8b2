package dev.smalls.lint;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Acknowledges a lint rule for every statement of the migration class it is on, with a
 * reason: the finding is still shown, as acknowledged, and no longer fails a run. In a
 * {@code SchemaMigration}, prefer {@code schema.acknowledge(rule, reason)} right after the one
 * operation it is about.
 * <pre class="code">
 * &#64;Acknowledge(rule = "pg-index-not-concurrent", reason = "audit_log is written once a day, at 02:00")
 * public class M0042IndexAuditLog implements SmallsMigration { ... }
 * </pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@Repeatable(Acknowledge.List.class)
public @interface Acknowledge {

	/**
	 * The rule's id, as the finding names it, e.g. {@code pg-index-not-concurrent}.
	 * @return the id
	 */
	String rule();

	/**
	 * Why it is safe here, for the people who read the finding and the history.
	 * @return the reason
	 */
	String reason();

	/**
	 * Several acknowledgements on one class.
	 */
	@Documented
	@Retention(RetentionPolicy.RUNTIME)
	@Target(ElementType.TYPE)
	@interface List {

		/**
		 * The acknowledgements.
		 * @return them
		 */
		Acknowledge[] value();

	}

}
