package dev.smalls.oneshot;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;

/**
 * The migrated table, mapped by JPA.
 */
@Entity
public class Person {

	@Id
	private Integer id;

	private String name;

	protected Person() {
	}

	public Integer getId() {
		return this.id;
	}

	public String getName() {
		return this.name;
	}

}
