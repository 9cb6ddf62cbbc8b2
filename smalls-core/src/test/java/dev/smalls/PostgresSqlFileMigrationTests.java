package dev.smalls;

import java.io.IOException;

import org.junit.jupiter.api.Test;

import dev.smalls.testsupport.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;

class PostgresSqlFileMigrationTests extends SqlFileMigrationBehaviourTests {

	@Override
	protected TestDatabase database() {
		return TestDatabase.POSTGRESQL;
	}

	@Test
	void aFunctionInDollarQuotesRunsWhole() throws IOException {
		write("V1__notes_with_trigger.sql", """
				CREATE TABLE notes (id INT PRIMARY KEY, body TEXT, length INT);
				CREATE FUNCTION set_length() RETURNS trigger AS $$
				BEGIN
				  NEW.length := length(NEW.body);
				  RETURN NEW;
				END;
				$$ LANGUAGE plpgsql;
				CREATE FUNCTION shout(text) RETURNS text AS $body$ SELECT upper($1) || '!'; $body$ LANGUAGE sql;
				CREATE TRIGGER notes_length BEFORE INSERT ON notes FOR EACH ROW EXECUTE FUNCTION set_length();
				INSERT INTO notes (id, body) VALUES (1, 'four');
				""");
		write("U1__notes_with_trigger.sql", "DROP TABLE notes;\nDROP FUNCTION set_length();\nDROP FUNCTION shout(text);");
		SmallsMigrator migrator = migrator();
		migrator.migrate();
		assertThat(this.jdbc.queryForObject("SELECT length FROM notes", Integer.class)).isEqualTo(4);
		assertThat(this.jdbc.queryForObject("SELECT shout('hi')", String.class)).isEqualTo("HI!");
		migrator.rollback(0);
		assertThat(tableExists("notes")).isFalse();
	}

}
