package dev.smalls.testapp.jdbc;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.jdbc.test.autoconfigure.JdbcTest;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.smalls.SmallsMigrator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code @JdbcTest} runs the application's component migrations, with no annotation of
 * smalls' own.
 */
@JdbcTest
class JdbcSliceTests {

	@Autowired
	private JdbcTemplate jdbc;

	@Autowired
	private SmallsMigrator migrator;

	@Test
	void theMigratedTableIsThereToWriteTo() {
		this.jdbc.update("INSERT INTO book (id, title) VALUES (1, 'Emma')");
		assertThat(this.jdbc.queryForObject("SELECT title FROM book WHERE id = 1", String.class)).isEqualTo("Emma");
	}

	@Test
	void onlyTheComponentMigrationIsThereWhenTheTestImportsNoBeans() {
		assertThat(this.migrator.status().migrations()).extracting((migration) -> migration.displayName())
			.containsExactly("0001_create_book");
	}

}
