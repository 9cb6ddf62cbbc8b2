package dev.smalls.generate.model.rows;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/**
 * An account that gains a version: a number, NOT NULL.
 */
@Entity
@Table(name = "accounts")
public class VersionedAccount {

	@Id
	private Long id;

	private String name;

	@Version
	private long version;

}
