package dev.smalls.testapp.jpa;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An explicit {@code spring.jpa.hibernate.ddl-auto} still wins over what smalls says, as it
 * does over Flyway: here Hibernate drops and recreates the migrated table, which is the very
 * damage the default now avoids (and what {@link JpaApplicationTests} would see without it).
 */
@SpringBootTest(properties = "spring.jpa.hibernate.ddl-auto=create-drop")
class ExplicitDdlAutoTests {

	@Autowired
	private JdbcTemplate jdbc;

	@Test
	void hibernateRecreatesTheTableWithoutTheMigratedRows() {
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM book", Integer.class)).isZero();
	}

}
