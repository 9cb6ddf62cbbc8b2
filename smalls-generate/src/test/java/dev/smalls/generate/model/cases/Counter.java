package dev.smalls.generate.model.cases;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * An entity whose table the database already has, with a column it does not: a count that
 * must be there, with no default.
 */
@Entity
@Table(name = "counters")
public class Counter {

	@Id
	private Long id;

	@Column(nullable = false)
	private int hits;

}
