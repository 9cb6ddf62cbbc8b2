package dev.smalls.generate.model.rows;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

/**
 * An account that gains an owner: a foreign key, NOT NULL, that no one value fills.
 */
@Entity
@Table(name = "accounts")
public class OwnedAccount {

	@Id
	private Long id;

	private String name;

	@ManyToOne(optional = false)
	@JoinColumn(nullable = false)
	private Owner owner;

}
