package dev.smalls.schema;

import java.util.function.Consumer;

/**
 * A schema migration for tests, made of a sequence, a name and the operations it records.
 */
public final class TestSchemaMigration implements SchemaMigration {

	private final int sequence;

	private final String name;

	private final Consumer<Schema> change;

	public TestSchemaMigration(int sequence, String name, Consumer<Schema> change) {
		this.sequence = sequence;
		this.name = name;
		this.change = change;
	}

	@Override
	public int sequence() {
		return this.sequence;
	}

	@Override
	public String name() {
		return this.name;
	}

	@Override
	public void change(Schema schema) {
		this.change.accept(schema);
	}

	@Override
	public String toString() {
		return this.name;
	}

}
