package dev.smalls.testapp.instances.billing;

import java.time.LocalDateTime;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * An invoice, on the billing DataSource.
 */
@Entity
@Table(name = "invoice")
public class Invoice {

	@Id
	private Long id;

	private String number;

	@Column(name = "paid_at")
	private LocalDateTime paidAt;

	protected Invoice() {
	}

	public Invoice(Long id, String number, LocalDateTime paidAt) {
		this.id = id;
		this.number = number;
		this.paidAt = paidAt;
	}

	public Long getId() {
		return this.id;
	}

	public String getNumber() {
		return this.number;
	}

	public LocalDateTime getPaidAt() {
		return this.paidAt;
	}

}
