package dev.smalls.commands;

import java.util.StringJoiner;

import dev.smalls.MigrationNames;
import dev.smalls.schema.JavaLiterals;
import dev.smalls.schema.SquashResult;
import dev.smalls.schema.SquashMigration.Replaced;

/**
 * The source of a squash, as {@code smalls squash} writes it: a {@code SquashMigration} that
 * lists the history rows of the migrations it replaces and records the operations that build
 * their schema. Every name and default in it is read from a database, so each reaches the
 * source only inside a Java string literal.
 */
final class SquashSource {

	private SquashSource() {
	}

	/**
	 * The class name of the squash of {@code 1..through}: {@code Squash0001To0500}, not
	 * numbered like a new migration.
	 * @param through the last migration squashed
	 * @return the class name
	 */
	static String className(int through) {
		return "Squash" + MigrationNames.display(1) + "To" + MigrationNames.display(through);
	}

	static String of(SquashResult result, String packageName, String className) {
		String operations = result.operations().javaSource("\t\t");
		StringJoiner replaced = new StringJoiner(",\n\t\t\t", "\t\t\t", "");
		for (Replaced migration : result.replaced()) {
			replaced.add("new Replaced(" + migration.sequence() + ", " + JavaLiterals.string(migration.name()) + ", "
					+ ((migration.checksum() != null) ? JavaLiterals.string(migration.checksum()) : "null") + ")");
		}
		String first = MigrationNames.display(1);
		String last = MigrationNames.display(result.through());
		return """
				package %1$s;

				import java.util.List;

				import org.springframework.stereotype.Component;

				import dev.smalls.schema.ColumnType;
				import dev.smalls.schema.Schema;
				%2$simport dev.smalls.schema.SquashMigration;

				/**
				 * Migrations %3$s..%4$s squashed into one, written by {@code smalls squash --through %5$d} from
				 * their replay on a scratch schema of %6$s (the column types are that database's).
				 * <p>
				 * A database that has none of them applied runs this instead, and its history records each
				 * of them, applied by the squash. A database that applied any of them ignores it. Once every
				 * database is past %4$s, their classes can be deleted; keep this one.
				 */
				@Component
				public class %7$s implements SquashMigration {

					private static final List<Replaced> REPLACED = List.of(
				%8$s);

					@Override
					public List<Replaced> replaced() {
						return REPLACED;
					}

					@Override
					public void change(Schema schema) {
				%9$s	}

				}
				""".formatted(packageName, operations.contains("SqlExpression.") ? "import dev.smalls.schema.SqlExpression;\n" : "",
				first, last, result.through(), result.databaseName(), className, replaced, operations);
	}

}
