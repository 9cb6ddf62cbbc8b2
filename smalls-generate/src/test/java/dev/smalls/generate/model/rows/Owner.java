package dev.smalls.generate.model.rows;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * Who an account belongs to.
 */
@Entity
@Table(name = "owners")
public class Owner {

	@Id
	private Long id;

}
