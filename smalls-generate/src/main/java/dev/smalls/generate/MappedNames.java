package dev.smalls.generate;

import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

import org.hibernate.boot.model.relational.Namespace;
import org.hibernate.mapping.Column;
import org.hibernate.mapping.Table;

/**
 * The tables and columns a JPA model maps, as the linter takes them ({@code table} and
 * {@code table.column}, lower case), so that it finds migrations that drop or rename them.
 */
public final class MappedNames {

	private MappedNames() {
	}

	/**
	 * The tables and columns the model maps in the connection's own schema.
	 * @param model the model
	 * @return {@code table} and {@code table.column} names, lower case
	 */
	public static Set<String> of(JpaModel model) {
		return model.read((metadata) -> {
			Set<String> names = new TreeSet<>();
			for (Namespace namespace : metadata.getDatabase().getNamespaces()) {
				if (namespace.getName().schema() != null || namespace.getName().catalog() != null) {
					continue;
				}
				for (Table table : namespace.getTables()) {
					if (!table.isPhysicalTable() || table.isView()) {
						continue;
					}
					String name = table.getName().toLowerCase(Locale.ROOT);
					names.add(name);
					for (Column column : table.getColumns()) {
						names.add(name + "." + column.getName().toLowerCase(Locale.ROOT));
					}
				}
			}
			return names;
		});
	}

}
