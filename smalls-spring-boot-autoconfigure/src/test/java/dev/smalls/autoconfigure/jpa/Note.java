package dev.smalls.autoconfigure.jpa;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * An entity whose table only a migration creates: Hibernate's schema validation fails unless
 * the migration ran first.
 */
@Entity
@Table(name = "notes")
public class Note {

	@Id
	private Long id;

	private String body;

	public Long getId() {
		return this.id;
	}

	public String getBody() {
		return this.body;
	}

}
