package dev.smalls.testapp.data;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A person, whose full name {@link M0002FillFullName} backfills.
 */
@Entity
@Table(name = "people")
public class Person {

	@Id
	private Long id;

	private String firstName;

	private String lastName;

	private String fullName;

	public Long getId() {
		return this.id;
	}

	public String getFullName() {
		return this.fullName;
	}

	void fillFullName() {
		this.fullName = this.firstName + " " + this.lastName;
	}

}
