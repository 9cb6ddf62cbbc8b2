package dev.smalls.testapp.jpa;

import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.smalls.SmallsMigrator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Hibernate leaves the migrated schema alone: smalls tells Spring Boot it manages it, so the
 * default {@code ddl-auto} on the embedded database is {@code none}, not {@code create-drop}.
 */
@SpringBootTest
class JpaApplicationTests {

	@Autowired
	private EntityManager entityManager;

	@Autowired
	private JdbcTemplate jdbc;

	@Autowired
	private SmallsMigrator migrator;

	@Test
	void rowsAMigrationInsertedSurviveStartUp() {
		assertThat(this.entityManager.createQuery("SELECT b FROM Book b ORDER BY b.id", Book.class).getResultList())
			.extracting(Book::getTitle, Book::getFormat)
			.containsExactly(tuple("Middlemarch", "hardcover"),
					tuple("Bleak House", "paperback"));
	}

	@Test
	void aColumnDefaultAMigrationSetSurvivesStartUp() {
		this.jdbc.update("INSERT INTO book (id, title) VALUES (3, 'Emma')");
		assertThat(this.jdbc.queryForObject("SELECT format FROM book WHERE id = 3", String.class))
			.isEqualTo("hardcover");
		this.jdbc.update("DELETE FROM book WHERE id = 3");
	}

	@Test
	void theHistoryMatchesTheSchema() {
		assertThat(this.migrator.status().current()).isEqualTo(2);
		assertThat(this.migrator.status().pendingCount()).isZero();
	}

}
