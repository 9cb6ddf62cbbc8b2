package dev.smalls.generate;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.hibernate.boot.Metadata;
import org.hibernate.boot.model.relational.Namespace;
import org.hibernate.boot.model.relational.Sequence;
import org.hibernate.mapping.CheckConstraint;
import org.hibernate.mapping.Collection;
import org.hibernate.mapping.Column;
import org.hibernate.mapping.ForeignKey;
import org.hibernate.mapping.PersistentClass;
import org.hibernate.mapping.Table;
import org.hibernate.mapping.UniqueKey;

import dev.smalls.SmallsValidationException;
import dev.smalls.dialect.SmallsDialect;

/**
 * Reads the schema Hibernate's boot metadata asks for into a {@link Model}: the tables of the
 * connection's own schema that Hibernate would create, with the names its naming strategies
 * gave them. What smalls cannot write is refused here, naming the entity; what generate leaves
 * alone is noted.
 */
final class ModelReader {

	private final Metadata metadata;

	private final ModelTypes types;

	private final Map<Table, String> owners = new HashMap<>();

	private final List<String> notes = new ArrayList<>();

	ModelReader(Metadata metadata, SmallsDialect smalls) {
		this.metadata = metadata;
		this.types = new ModelTypes(metadata, smalls);
		for (PersistentClass entity : metadata.getEntityBindings()) {
			this.owners.putIfAbsent(entity.getTable(), "entity " + entity.getEntityName());
		}
		for (Collection collection : metadata.getCollectionBindings()) {
			this.owners.putIfAbsent(collection.getCollectionTable(), "collection " + collection.getRole());
		}
	}

	Model read() {
		List<Model.Table> tables = new ArrayList<>();
		List<Model.Sequence> sequences = new ArrayList<>();
		for (Namespace namespace : this.metadata.getDatabase().getNamespaces()) {
			if (namespace.getName().schema() != null || namespace.getName().catalog() != null) {
				namespace.getTables().forEach((table) -> this.notes.add("Table " + table.getName() + " is in schema "
						+ namespace.getName() + ": generate compares the connection's own schema only, so it is "
						+ "left out."));
				continue;
			}
			for (Table table : namespace.getTables()) {
				if (table.isPhysicalTable() && !table.isView()) {
					tables.add(table(table));
				}
			}
			for (Sequence sequence : namespace.getSequences()) {
				sequences.add(new Model.Sequence(sequence.getName().getSequenceName().getText(),
						sequence.getInitialValue(), sequence.getIncrementSize()));
			}
		}
		tables.sort(Comparator.comparing(Model.Table::name));
		sequences.sort(Comparator.comparing(Model.Sequence::name));
		return new Model(List.copyOf(tables), List.copyOf(sequences), List.copyOf(this.notes));
	}

	private Model.Table table(Table table) {
		String owner = this.owners.getOrDefault(table, "table " + table.getName());
		refuseQuoted(table.isQuoted(), "table " + table.getName(), owner);
		List<Model.Column> columns = new ArrayList<>();
		Map<String, Model.Index> indexes = new LinkedHashMap<>();
		for (Column column : table.getColumns()) {
			String where = table.getName() + "." + column.getName() + " (" + owner + ")";
			refuseQuoted(column.isQuoted(), "column " + column.getName() + " of " + table.getName(), owner);
			columns.add(column(table, column, where));
			if (column.isUnique() && !table.isPrimaryKey(column)) {
				String name = (column.getUniqueKeyName() != null) ? column.getUniqueKeyName()
						: "uk_" + table.getName() + "_" + column.getName();
				indexes.putIfAbsent(name, new Model.Index(name, true, List.of(column.getName())));
			}
		}
		for (UniqueKey key : table.getUniqueKeys().values()) {
			indexes.putIfAbsent(key.getName(), new Model.Index(key.getName(), true, names(key.getColumns())));
		}
		for (org.hibernate.mapping.Index index : table.getIndexes().values()) {
			if (index.getColumns().size() != index.getSelectables().size()) {
				this.notes.add("Index " + index.getName() + " of " + table.getName() + " (" + owner + ") indexes an "
						+ "expression: generate leaves it out; create it by hand with schema.sql(..).");
				continue;
			}
			indexes.putIfAbsent(index.getName(),
					new Model.Index(index.getName(), index.isUnique(), names(index.getColumns())));
		}
		List<String> primaryKey = (table.getPrimaryKey() != null) ? names(table.getPrimaryKey().getColumns()) : List.of();
		List<Model.Check> checks = new ArrayList<>();
		for (Column column : table.getColumns()) {
			column.getCheckConstraints().forEach((check) -> checks.add(new Model.Check(column.getName(),
					check.getConstraint())));
		}
		return new Model.Table(table.getName(), owner, List.copyOf(columns), primaryKey,
				List.copyOf(indexes.values()), foreignKeys(table, owner), List.copyOf(checks));
	}

	private Model.Column column(Table table, Column column, String where) {
		boolean key = table.getPrimaryKey() != null && table.getPrimaryKey().containsColumn(column);
		if (column.isIdentity() && !(key && table.getPrimaryKey().getColumnSpan() == 1)) {
			throw new SmallsValidationException("Column " + where + " is numbered by the database but is not the "
					+ "table's only key column. No migration was written.",
					"Number it with a sequence, or write this migration by hand.");
		}
		// Only a columnDefinition sets the SQL type before Hibernate is asked for it.
		String definition = column.getSqlType();
		ModelType type = this.types.typeOf(column, definition, where);
		Object defaultValue;
		try {
			defaultValue = DefaultValues.read(column.getDefaultValue());
		}
		catch (IllegalArgumentException ex) {
			throw new SmallsValidationException("The default of " + where + " cannot be written: " + ex.getMessage()
					+ ". No migration was written.", "Give @ColumnDefault a plain value or expression.");
		}
		boolean foreignKey = table.getForeignKeyCollection().stream().anyMatch((fk) -> fk.containsColumn(column));
		List<String> allowed = CheckConditions.allowedValues(column.getSqlType(this.metadata),
				column.getCheckConstraints().stream().map(CheckConstraint::getConstraint).toList());
		ExistingRows existingRows = ExistingRows.of(column.getSqlTypeCode(this.metadata), foreignKey,
				column.isUnique(), allowed);
		return new Model.Column(column.getName(), type, column.isNullable() && !key, column.isIdentity(),
				defaultValue, (definition != null) ? null : this.types.check(column), existingRows);
	}

	private List<Model.ForeignKey> foreignKeys(Table table, String owner) {
		List<Model.ForeignKey> keys = new ArrayList<>();
		for (ForeignKey key : table.getForeignKeyCollection()) {
			if (!key.isCreationEnabled() || !key.isPhysicalConstraint()) {
				continue;
			}
			List<Column> referenced = key.isReferenceToPrimaryKey() ? key.getReferencedTable().getPrimaryKey().getColumns()
					: key.getReferencedColumns();
			if (key.getColumnSpan() != 1 || referenced.size() != 1) {
				this.notes.add("Foreign key " + key.getName() + " of " + table.getName() + " (" + owner + ") spans "
						+ key.getColumnSpan() + " columns: smalls writes single-column foreign keys, so generate "
						+ "leaves it out; add it by hand with schema.sql(..).");
				continue;
			}
			keys.add(new Model.ForeignKey(key.getName(), key.getColumn(0).getName(),
					key.getReferencedTable().getName(), referenced.get(0).getName()));
		}
		keys.sort(Comparator.comparing(Model.ForeignKey::name));
		return List.copyOf(keys);
	}

	private static void refuseQuoted(boolean quoted, String what, String owner) {
		if (quoted) {
			throw new SmallsValidationException("The " + what + " (" + owner + ") is quoted in the mapping; smalls "
					+ "writes plain, unquoted names (and quotes SQL keywords itself). No migration was written.",
					"Remove the quotes (backticks, \\\" or hibernate.globally_quoted_identifiers) from the mapping, "
							+ "or write this migration by hand.");
		}
	}

	private static List<String> names(List<Column> columns) {
		return columns.stream().map(Column::getName).toList();
	}

}
