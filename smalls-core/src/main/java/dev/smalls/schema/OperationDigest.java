package dev.smalls.schema;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

import org.jspecify.annotations.Nullable;

import dev.smalls.dialect.DdlForeignKey;
import dev.smalls.dialect.DdlType;

/**
 * The checksum of a schema migration: a SHA-256 digest of what its operations mean (their
 * kinds, tables, columns, types, options and values, in order), written in a canonical form
 * of its own. It never reads descriptions, {@code toString()} or class files, so it is the
 * same on every JVM and compiler, and a smalls release never changes it: the form below is
 * frozen (version 1), and the digests of sample migrations are pinned in a test.
 * <p>
 * Each value is written as its length and its UTF-8 text, so that no two different lists of
 * values write the same bytes. A data step ({@code Schema#data}) is code: only that there is
 * one is written.
 */
final class OperationDigest {

	/** Names the form; a later form would have another. */
	private static final String FORM = "smalls-schema-operations-1";

	private final MessageDigest digest;

	private OperationDigest() {
		try {
			this.digest = MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every Java platform has SHA-256", ex);
		}
		value(FORM);
	}

	/**
	 * The digest of some operations.
	 * @param operations the operations, in the order the migration recorded them
	 * @return 64 hexadecimal digits
	 */
	static String of(List<Operation> operations) {
		OperationDigest digest = new OperationDigest();
		operations.forEach(digest::operation);
		return HexFormat.of().formatHex(digest.digest.digest());
	}

	private void operation(Operation operation) {
		if (operation instanceof TableOperation table) {
			value(table.create() ? "createTable" : "dropTable");
			value(table.table());
			value(table.columns().size());
			table.columns().forEach(this::column);
			if (!table.indexes().isEmpty() || !table.foreignKeys().isEmpty()) {
				// Only then: the digest of every table created before there were any is kept.
				value("keys");
				value(table.indexes().size());
				table.indexes().forEach((index) -> {
					value(index.name());
					value(index.unique());
					value(index.columns().size());
					index.columns().forEach(this::value);
				});
				value(table.foreignKeys().size());
				table.foreignKeys().forEach((key) -> {
					value(key.name());
					value(key.column());
					value(key.referencedTable());
					value(key.referencedColumn());
				});
			}
		}
		else if (operation instanceof ColumnOperation column) {
			value(column.add() ? "addColumn" : "dropColumn");
			value(column.table());
			column(column.column());
		}
		else if (operation instanceof ColumnTypeChange change) {
			value("changeType");
			value(change.table());
			value(change.column());
			type(change.from().ddlType());
			type(change.to().ddlType());
		}
		else if (operation instanceof DefaultChange change) {
			value("changeDefault");
			value(change.table());
			value(change.column());
			defaultValue(change.from());
			defaultValue(change.to());
		}
		else if (operation instanceof NullabilityChange change) {
			value(change.notNull() ? "setNotNull" : "dropNotNull");
			value(change.table());
			value(change.column());
		}
		else if (operation instanceof IndexOperation index) {
			value(index.add() ? "addIndex" : "dropIndex");
			value(index.table());
			value(index.index());
			value(index.unique());
			value(index.columns().size());
			index.columns().forEach(this::value);
		}
		else if (operation instanceof ForeignKeyOperation key) {
			value(key.add() ? "addForeignKey" : "dropForeignKey");
			value(key.table());
			foreignKey(key.key());
			value(key.ownIndex());
		}
		else if (operation instanceof RenameColumn rename) {
			value("renameColumn");
			value(rename.table());
			value(rename.from());
			value(rename.to());
		}
		else if (operation instanceof RenameTable rename) {
			value("renameTable");
			value(rename.from());
			value(rename.to());
		}
		else if (operation instanceof SqlOperation sql) {
			value("sql");
			value(sql.forward());
			value(sql.backward());
		}
		else if (operation instanceof DataOperation) {
			value("data");
		}
		else if (operation instanceof IrreversibleMarker marker) {
			value("irreversible");
			value(marker.reason());
		}
		else {
			// A new operation must be given its form here before it can be recorded.
			throw new IllegalStateException("No checksum form for " + operation.getClass().getName());
		}
	}

	private void column(ColumnDefinition column) {
		value(column.name());
		type(column.type().ddlType());
		value(column.isIdentity());
		value(column.isNotNull());
		value(column.isPrimaryKey());
		value(column.isUnique());
		defaultValue(column.defaultValue());
	}

	private void type(DdlType type) {
		value(type.kind().name());
		value(type.size());
		value(type.scale());
		value(type.sql());
	}

	private void foreignKey(DdlForeignKey key) {
		value(key.name());
		value(key.column());
		value(key.referencedTable());
		value(key.referencedColumn());
	}

	private void defaultValue(@Nullable Object value) {
		if (value == null) {
			value((String) null);
		}
		else if (value instanceof SqlExpression expression) {
			value("expression:" + expression.sql());
		}
		else if (value instanceof Enum<?> constant) {
			value("enum:" + constant.name());
		}
		else if (value instanceof BigDecimal decimal) {
			value("number:" + decimal.toPlainString());
		}
		else if (value instanceof Number || value instanceof Boolean) {
			value("number:" + value);
		}
		else {
			// Text, dates, times and UUIDs, as their ISO / canonical text.
			value("text:" + value);
		}
	}

	private void value(boolean value) {
		value(value ? "true" : "false");
	}

	private void value(int value) {
		value(Integer.toString(value));
	}

	private void value(@Nullable String value) {
		if (value == null) {
			this.digest.update((byte) '-');
			return;
		}
		byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
		this.digest.update((bytes.length + ":").getBytes(StandardCharsets.US_ASCII));
		this.digest.update(bytes);
	}

}
