package dev.smalls.testapp.instances.orders;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * An order, on the application's DataSource.
 */
@Entity
@Table(name = "purchase_order")
public class PurchaseOrder {

	@Id
	private Long id;

	private String customer;

	protected PurchaseOrder() {
	}

	public PurchaseOrder(Long id, String customer) {
		this.id = id;
		this.customer = customer;
	}

	public Long getId() {
		return this.id;
	}

	public String getCustomer() {
		return this.customer;
	}

}
