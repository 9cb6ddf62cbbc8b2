package dev.smalls;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Says that a migration needs data migrations to be done first: a migrate stops before it
 * until each {@link DataMigration} named is done (recorded in the history), and applies it
 * on a later migrate. The contract step of an expand/contract change (dropping the column a
 * backfill copied from) is the usual case.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface DependsOnData {

	/**
	 * The sequences of the data migrations that must be done first.
	 * @return the sequences
	 */
	int[] value();

}
