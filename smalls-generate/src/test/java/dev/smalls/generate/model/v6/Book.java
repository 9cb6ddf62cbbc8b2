package dev.smalls.generate.model.v6;

import java.util.Set;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.JoinTable;
import jakarta.persistence.ManyToMany;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;
import org.hibernate.annotations.ColumnDefault;

/**
 * A book, as the model stands at v6.
 */
@Entity
@Table(name = "books", indexes = @Index(name = "idx_books_title", columnList = "title"),
		uniqueConstraints = @UniqueConstraint(name = "uk_books_title_subtitle", columnNames = { "title", "subtitle" }))
public class Book {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	@Column(length = 400, nullable = false)
	private String title;

	@ColumnDefault("0")
	@Column(nullable = false)
	private int pages;

	private String subtitle;

	@ManyToOne
	private Author author;

	@ManyToMany
	@JoinTable(name = "book_tags")
	private Set<Tag> tags;

}
