package dev.smalls.testapp.jdbc;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.jdbc.test.autoconfigure.JdbcTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.smalls.SmallsMigrator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A slice test that imports the application's {@code @Bean} migrations gets them once, beside
 * the component migrations smalls found.
 */
@JdbcTest
@Import(MigrationBeans.class)
class JdbcSliceWithMigrationBeansTests {

	@Autowired
	private JdbcTemplate jdbc;

	@Autowired
	private SmallsMigrator migrator;

	@Test
	void componentAndBeanMigrationsRunOnceEach() {
		assertThat(this.migrator.status().migrations()).extracting((migration) -> migration.displayName())
			.containsExactly("0001_create_book", "0002_add_isbn");
		this.jdbc.update("INSERT INTO book (id, title, isbn) VALUES (1, 'Emma', '978-0141439587')");
		assertThat(this.jdbc.queryForObject("SELECT isbn FROM book", String.class)).isEqualTo("978-0141439587");
	}

}
