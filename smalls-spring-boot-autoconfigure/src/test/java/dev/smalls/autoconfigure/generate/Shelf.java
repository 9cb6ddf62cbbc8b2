package dev.smalls.autoconfigure.generate;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;

/**
 * An entity whose column name depends on the naming strategy: {@code display_name} under
 * Spring Boot's default, {@code displayName} under Hibernate's standard one.
 */
@Entity
public class Shelf {

	@Id
	private Long id;

	private String displayName;

}
