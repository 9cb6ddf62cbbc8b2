package dev.smalls.autoconfigure;

import dev.smalls.SmallsCallback;

/**
 * A callback that keeps state per migration set (the last run's outcome for health, the
 * instance's tag for metrics): each instance's migrator gets one of its own, made here,
 * instead of the application's bean of that type, which stays the default set's.
 */
interface InstanceCallbacks {

	/**
	 * The type of the callback bean that each instance gets its own of.
	 * @return the type
	 */
	Class<? extends SmallsCallback> type();

	/**
	 * The callback for one instance.
	 * @param instance the instance's name
	 * @return its callback
	 */
	SmallsCallback forInstance(String instance);

}
