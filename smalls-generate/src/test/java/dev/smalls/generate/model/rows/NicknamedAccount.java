package dev.smalls.generate.model.rows;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * An account that gains a nickname: a string, NOT NULL.
 */
@Entity
@Table(name = "accounts")
public class NicknamedAccount {

	@Id
	private Long id;

	private String name;

	@Column(nullable = false)
	private String nickname;

}
