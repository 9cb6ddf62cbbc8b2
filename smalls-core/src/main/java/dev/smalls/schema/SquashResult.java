package dev.smalls.schema;

import java.util.List;
import java.util.Map;

import dev.smalls.schema.SquashMigration.Replaced;

/**
 * What a squash of the migrations {@code 1..through} found: the operations that build the
 * schema they build (read from a scratch database where they were replayed), the history rows
 * the replay wrote, and everything the operations do not carry. The migrated database itself
 * is never touched.
 *
 * @param through the last migration squashed
 * @param databaseName the database the squash is for, e.g. {@code PostgreSQL}
 * @param replaced the history rows the replay wrote, ascending
 * @param operations the operations that build the schema
 * @param notCarried what the replay built that the operations do not (views, functions,
 * triggers, sequences, tables they would build otherwise), one sentence each: a squash with
 * any is refused
 * @param tablesWithRows the tables that had rows after the replay (seed or lookup data, which
 * a squash does not carry), with their row counts
 * @param codeMigrations the squashed migrations that run code or SQL of their own: what they
 * did to the tables is carried; anything else (grants, comments, data) is not
 * @param replayMillis how long replaying the migrations took
 * @param squashMillis how long building the same schema from the operations took
 */
public record SquashResult(int through, String databaseName, List<Replaced> replaced, SchemaRecreation operations,
		List<String> notCarried, Map<String, Long> tablesWithRows, List<String> codeMigrations, long replayMillis,
		long squashMillis) {

	public SquashResult {
		replaced = List.copyOf(replaced);
		notCarried = List.copyOf(notCarried);
		tablesWithRows = Map.copyOf(tablesWithRows);
		codeMigrations = List.copyOf(codeMigrations);
	}

	/**
	 * Whether the operations build everything the replay built, so that a squash can be
	 * written.
	 * @return {@code true} if nothing is left out
	 */
	public boolean complete() {
		return this.notCarried.isEmpty();
	}

}
