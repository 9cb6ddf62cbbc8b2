package dev.smalls;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a migration as the contract step of an expand/contract change: it removes what an
 * older release of the application may still use. Before a migrate runs it, smalls reads
 * which instances of the application are running (each announces its release and what it
 * maps, with a heartbeat: {@link SmallsMigrator#announce}), and while one still maps a table
 * or column the migration removes, the migrate waits ({@code contractWait}) and then refuses,
 * naming the instances and the names in the way. It proceeds once they have stopped, or their
 * heartbeat is older than {@code instanceTimeout}.
 * <p>
 * On a {@code SchemaMigration}, what it removes is read from its operations (a dropped or
 * renamed table or column); on any other migration, list it here.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Contract {

	/**
	 * What the migration removes besides what its schema operations say: {@code table} or
	 * {@code table.column}.
	 * @return the names
	 */
	String[] value() default {};

}
