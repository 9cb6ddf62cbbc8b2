package dev.smalls.testapp.datajpa;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.data.jpa.test.autoconfigure.DataJpaTest;

import dev.smalls.SmallsMigrator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code @DataJpaTest} runs the application's migrations, with no annotation of smalls'
 * own, before Hibernate validates the schema.
 */
@DataJpaTest
class DataJpaSliceTests {

	@Autowired
	private BookRepository books;

	@Autowired
	private SmallsMigrator migrator;

	@Test
	void repositoriesSeeWhatTheMigrationsCreated() {
		assertThat(this.books.findAll()).extracting(Book::getTitle)
			.containsExactlyInAnyOrder("Middlemarch", "Bleak House");
	}

	@Test
	void everyMigrationIsAppliedOnce() {
		assertThat(this.migrator.status().migrations()).extracting((migration) -> migration.displayName())
			.containsExactly("0001_create_book", "0002_add_classics");
		assertThat(this.migrator.status().pendingCount()).isZero();
	}

}
