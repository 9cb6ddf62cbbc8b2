package dev.smalls.generate.model.checks.v1;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Inheritance;
import jakarta.persistence.InheritanceType;
import jakarta.persistence.Lob;
import jakarta.persistence.Table;

/**
 * A payment, the root of a single-table hierarchy, with an enum: the two kinds of check
 * constraint Hibernate writes itself.
 */
@Entity
@Table(name = "payment")
@Inheritance(strategy = InheritanceType.SINGLE_TABLE)
public class Payment {

	@Id
	private Long id;

	@Enumerated(EnumType.STRING)
	@Column(length = 20)
	private Status status;

	@Lob
	private String memo;

	/**
	 * Where a payment is.
	 */
	public enum Status {

		/** Open. */
		OPEN,

		/** Paid. */
		PAID

	}

}
