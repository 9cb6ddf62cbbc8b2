package dev.smalls.generate.model.checks.v2;

import jakarta.persistence.Entity;

/**
 * A payment by wire transfer: the subclass v2 adds.
 */
@Entity
public class WirePayment extends Payment {

	private String iban;

}
