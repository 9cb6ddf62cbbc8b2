package dev.smalls.generate.model.rows;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * An account whose name column is renamed.
 */
@Entity
@Table(name = "accounts")
public class RenamedAccount {

	@Id
	private Long id;

	@Column(name = "display_name")
	private String name;

}
