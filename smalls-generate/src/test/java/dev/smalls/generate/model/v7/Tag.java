package dev.smalls.generate.model.v7;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;

/**
 * A tag, numbered by Hibernate from a sequence of its own.
 */
@Entity
public class Tag {

	@Id
	@GeneratedValue
	private Long id;

	@Column(length = 40, nullable = false, unique = true)
	private String label;

}
