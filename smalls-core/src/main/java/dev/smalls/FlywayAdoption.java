package dev.smalls;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * What {@link SmallsMigrator#adoptFlyway(FlywayAdoption)} reads: Flyway's history table, and
 * the sequences of versions that are not whole numbers.
 * <p>
 * A version that is a whole number ({@code 3}, {@code 003}) becomes that sequence. smalls
 * orders migrations by one integer, so a version such as {@code 1.1} or {@code 2.0.1} needs a
 * sequence of its own, given here ({@code smalls adopt flyway --map 1.1=2}); without one,
 * the adoption is refused, naming every such version. A project with many of them
 * renumbers: each version gets the sequence of its place in the history, given with as many
 * mappings.
 *
 * @param table Flyway's history table, {@value #DEFAULT_TABLE} unless Flyway's
 * {@code table} setting says otherwise
 * @param schema the schema (on MariaDB and MySQL, the database) it is in, {@code null} for
 * the connection's
 * @param sequences the sequence for each version that is not a whole number
 */
public record FlywayAdoption(String table, @Nullable String schema, Map<String, Integer> sequences) {

	/** Flyway's default history table. */
	public static final String DEFAULT_TABLE = "flyway_schema_history";

	public FlywayAdoption {
		sequences = Map.copyOf(sequences);
	}

	/**
	 * Flyway's default table, in the connection's schema, no versions mapped.
	 * @return the options
	 */
	public static FlywayAdoption defaults() {
		return new FlywayAdoption(DEFAULT_TABLE, null, Map.of());
	}

	/**
	 * Flyway's history where Flyway's settings put it ({@code table}, {@code defaultSchema},
	 * {@code schemas}, as {@code spring.flyway.*} or Flyway's own configuration name them): the
	 * table, in the default schema or else the first of the schemas. A blank setting counts as
	 * unset.
	 * @param table the table, {@code null} for {@value #DEFAULT_TABLE}
	 * @param defaultSchema the default schema, or {@code null}
	 * @param schemas the schemas Flyway manages, possibly empty
	 * @return the options, no versions mapped
	 */
	public static FlywayAdoption located(@Nullable String table, @Nullable String defaultSchema, List<String> schemas) {
		String schema = given(defaultSchema);
		if (schema == null && !schemas.isEmpty()) {
			schema = given(schemas.get(0));
		}
		String name = given(table);
		return new FlywayAdoption((name != null) ? name : DEFAULT_TABLE, schema, Map.of());
	}

	/**
	 * These options for another table.
	 * @param table the table
	 * @param schema its schema, {@code null} for the connection's
	 * @return new options
	 */
	public FlywayAdoption withTable(String table, @Nullable String schema) {
		return new FlywayAdoption(table, schema, this.sequences);
	}

	/**
	 * These options with one more version's sequence.
	 * @param version a Flyway version, e.g. {@code 1.1}
	 * @param sequence the smalls sequence it gets
	 * @return new options
	 */
	public FlywayAdoption withSequence(String version, int sequence) {
		Map<String, Integer> sequences = new LinkedHashMap<>(this.sequences);
		sequences.put(version, sequence);
		return new FlywayAdoption(this.table, this.schema, sequences);
	}

	/** A setting's value, or {@code null} where it is unset or blank. */
	static @Nullable String given(@Nullable String value) {
		return (value == null || value.isBlank()) ? null : value.strip();
	}

}
