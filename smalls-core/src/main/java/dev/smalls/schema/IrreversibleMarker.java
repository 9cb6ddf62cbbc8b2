package dev.smalls.schema;

import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;

import dev.smalls.dialect.SchemaDdl;

/**
 * {@code irreversible}: runs nothing, and makes smalls refuse to roll the migration back.
 * Undoing a migration that failed half-way still runs the inverses of what it did.
 */
record IrreversibleMarker(String reason) implements Operation {

	@Override
	public String description() {
		return "irreversible: " + this.reason;
	}

	@Override
	public Kind kind() {
		return Kind.NONE;
	}

	@Override
	public void perform(JdbcTemplate jdbc, SchemaDdl ddl, boolean apply) {
	}

	@Override
	public List<String> preview(SchemaDdl ddl, boolean apply) {
		// Its description, which heads every preview of an operation, says it all.
		return List.of();
	}

	@Override
	public Effect effectIn(SchemaSnapshot snapshot, SchemaDdl ddl) {
		return Effect.TOOK_EFFECT;
	}

}
