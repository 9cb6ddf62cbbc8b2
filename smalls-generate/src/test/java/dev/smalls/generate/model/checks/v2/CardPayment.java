package dev.smalls.generate.model.checks.v2;

import jakarta.persistence.Entity;

/**
 * A payment by card.
 */
@Entity
public class CardPayment extends Payment {

	private String cardNumber;

}
