package dev.smalls;

import java.io.IOException;

import org.junit.jupiter.api.Test;

import dev.smalls.testsupport.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;

class MariaDbSqlFileMigrationTests extends SqlFileMigrationBehaviourTests {

	@Override
	protected TestDatabase database() {
		return TestDatabase.MARIADB;
	}

	@Test
	void aProcedureBetweenDelimiterLinesRunsWhole() throws IOException {
		write("V1__notes_procedure.sql", """
				CREATE TABLE notes (id INT PRIMARY KEY);
				DELIMITER //
				CREATE PROCEDURE add_notes()
				BEGIN
				  INSERT INTO notes VALUES (1);
				  INSERT INTO notes VALUES (2);
				END //
				DELIMITER ;
				CALL add_notes();
				""");
		write("U1__notes_procedure.sql", "DROP PROCEDURE add_notes;\nDROP TABLE notes;");
		SmallsMigrator migrator = migrator();
		migrator.migrate();
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM notes", Integer.class)).isEqualTo(2);
		migrator.rollback(0);
		assertThat(tableExists("notes")).isFalse();
	}

}
