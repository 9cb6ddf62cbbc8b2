package dev.smalls.testapp.firstmigration;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;

/**
 * An entity no migration has made a table for yet.
 */
@Entity
public class Lamp {

	@Id
	private Long id;

}
