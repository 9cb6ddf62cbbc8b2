package dev.smalls.testapp.generate;

import org.springframework.stereotype.Component;

import dev.smalls.schema.ColumnType;
import dev.smalls.schema.Schema;
import dev.smalls.schema.SchemaMigration;

/**
 * Creates the bins table as it was before the entity gained its label.
 */
@Component
public class M0001CreateBins implements SchemaMigration {

	@Override
	public int sequence() {
		return 1;
	}

	@Override
	public void change(Schema schema) {
		schema.createTable("bins", (table) -> table.column("id", ColumnType.BIGINT).primaryKey());
	}

}
