package dev.smalls.schema;

import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;

import dev.smalls.dialect.SchemaDdl;

/**
 * {@code run}: a data step in code and the code that undoes it. It cannot be previewed, and
 * whether it took effect cannot be told from the schema.
 */
record DataOperation(JdbcStep forward, JdbcStep backward) implements Operation {

	@Override
	public String description() {
		return "run (a data step in code)";
	}

	@Override
	public Kind kind() {
		return Kind.DATA;
	}

	@Override
	public void perform(JdbcTemplate jdbc, SchemaDdl ddl, boolean apply) {
		(apply ? this.forward : this.backward).run(jdbc);
	}

	@Override
	public List<String> preview(SchemaDdl ddl, boolean apply) {
		return List.of("-- a data step in Java code (run(..)): it cannot be previewed");
	}

	@Override
	public Effect effectIn(SchemaSnapshot snapshot, SchemaDdl ddl) {
		return Effect.CANNOT_TELL;
	}

}
