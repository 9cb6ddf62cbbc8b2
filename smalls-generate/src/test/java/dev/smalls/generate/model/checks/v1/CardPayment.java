package dev.smalls.generate.model.checks.v1;

import jakarta.persistence.Entity;

/**
 * A payment by card.
 */
@Entity
public class CardPayment extends Payment {

	private String cardNumber;

}
