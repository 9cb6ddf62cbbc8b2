package dev.smalls.schema;

/**
 * Whether an operation is in effect in a schema, as {@link Operation#effectIn} and
 * {@link SchemaPlan#stateOf} tell it.
 */
public enum Effect {

	/** The schema shows the operation's change. */
	TOOK_EFFECT,

	/** The schema shows the state before it. */
	NOT_IN_EFFECT,

	/** The schema cannot say: a data step, an {@code sql(..)} statement, or an ambiguous change. */
	CANNOT_TELL

}
