package dev.smalls.generate.model.cases;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;

/**
 * Holds an entity declared as a nested class, whose default table name, {@code outer$inner},
 * is not a plain SQL identifier.
 */
public final class Outer {

	private Outer() {
	}

	/**
	 * The nested entity.
	 */
	@Entity
	public static class Inner {

		@Id
		private Long id;

	}

}
