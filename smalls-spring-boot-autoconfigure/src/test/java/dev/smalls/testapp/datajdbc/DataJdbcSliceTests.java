package dev.smalls.testapp.datajdbc;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.data.jdbc.test.autoconfigure.DataJdbcTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code @DataJdbcTest} runs the application's migrations, with no annotation of smalls'
 * own.
 */
@DataJdbcTest
class DataJdbcSliceTests {

	@Autowired
	private BookRepository books;

	@Test
	void repositoriesReadAndWriteTheMigratedTable() {
		Book saved = this.books.save(new Book(null, "Persuasion"));
		assertThat(this.books.findById(saved.id())).get().extracting(Book::title).isEqualTo("Persuasion");
	}

}
