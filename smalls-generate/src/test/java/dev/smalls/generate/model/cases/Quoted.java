package dev.smalls.generate.model.cases;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * An entity whose table name is quoted in the mapping.
 */
@Entity
@Table(name = "\"Quoted\"")
public class Quoted {

	@Id
	private Long id;

}
