package dev.smalls.testapp.jpa;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;

/**
 * A book, in the table {@link M0001CreateBook} creates.
 */
@Entity
public class Book {

	@Id
	private Long id;

	private String title;

	private String format;

	public Long getId() {
		return this.id;
	}

	public String getTitle() {
		return this.title;
	}

	public String getFormat() {
		return this.format;
	}

}
