package dev.smalls.schema;

import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;

import dev.smalls.dialect.SchemaDdl;

/**
 * {@code sql}: a statement of the author's and the one that undoes it. A blank statement does
 * nothing. Whether it took effect cannot be told from the schema.
 */
record SqlOperation(String forward, String backward) implements Operation {

	@Override
	public String description() {
		return "sql " + abbreviate(this.forward);
	}

	@Override
	public Kind kind() {
		return Kind.SQL;
	}

	@Override
	public void perform(JdbcTemplate jdbc, SchemaDdl ddl, boolean apply) {
		String sql = apply ? this.forward : this.backward;
		if (!sql.isBlank()) {
			jdbc.execute(sql);
		}
	}

	@Override
	public List<String> preview(SchemaDdl ddl, boolean apply) {
		String sql = apply ? this.forward : this.backward;
		return sql.isBlank() ? List.of("-- (nothing: the statement is blank)") : List.of(sql.strip());
	}

	@Override
	public Effect effectIn(SchemaSnapshot snapshot, SchemaDdl ddl) {
		return Effect.CANNOT_TELL;
	}

	static String abbreviate(String sql) {
		String line = sql.strip().replaceAll("\\s+", " ");
		return "\"" + ((line.length() > 60) ? line.substring(0, 57) + "..." : line) + "\"";
	}

}
