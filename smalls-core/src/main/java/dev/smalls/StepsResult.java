package dev.smalls;

import java.util.List;

/**
 * What {@link SmallsMigrator#init()} or {@link SmallsMigrator#seed(boolean)} ran.
 *
 * @param steps each script or bean that ran, in order
 */
public record StepsResult(List<Step> steps) {

	public StepsResult {
		steps = List.copyOf(steps);
	}

	/**
	 * One script or bean that ran.
	 *
	 * @param description the script location or the bean's class name
	 * @param millis how long it took, in milliseconds
	 */
	public record Step(String description, long millis) {
	}

}
