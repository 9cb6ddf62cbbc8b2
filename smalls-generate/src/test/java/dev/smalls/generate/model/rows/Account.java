package dev.smalls.generate.model.rows;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * An account, as the table is.
 */
@Entity
@Table(name = "accounts")
public class Account {

	@Id
	private Long id;

	private String name;

}
