package dev.smalls.testapp.generate;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A storage bin. Its label is newer than the migration that created its table.
 */
@Entity
@Table(name = "bins")
public class Bin {

	@Id
	private Long id;

	@Column(length = 40)
	private String label;

}
