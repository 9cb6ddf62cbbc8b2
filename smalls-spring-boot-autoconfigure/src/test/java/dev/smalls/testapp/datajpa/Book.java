package dev.smalls.testapp.datajpa;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;

/**
 * A book.
 */
@Entity
public class Book {

	@Id
	private Long id;

	private String title;

	public Long getId() {
		return this.id;
	}

	public String getTitle() {
		return this.title;
	}

}
