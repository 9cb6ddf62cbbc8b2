package dev.smalls.internal;

/**
 * A migration that smalls runs in place of one of the application's (a squash, as migrate or
 * plan runs it): the class whose annotations, such as {@code @Acknowledge}, count for it.
 * Internal: not for use outside smalls.
 */
interface Wrapped {

	/**
	 * The class the application declared.
	 * @return the class of the migration this one stands in for
	 */
	Class<?> declaringClass();

}
