package dev.smalls.lint;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.smalls.MigrationNames;

/**
 * Every rule of the linter.
 */
public final class LintRules {

	private static final List<LintRule> ALL = collect();

	private LintRules() {
	}

	/**
	 * Every rule, PostgreSQL's first, then MariaDB/MySQL's, then those for any database.
	 * @return the rules
	 */
	public static List<LintRule> all() {
		return ALL;
	}

	/**
	 * The rules that apply to a database: its own and those for any database.
	 * @param database the database
	 * @return the rules
	 */
	public static List<LintRule> forDatabase(LintDatabase database) {
		return ALL.stream().filter((rule) -> rule.database() == database || rule.database() == LintDatabase.ANY)
			.toList();
	}

	/**
	 * A rule by its id.
	 * @param id the id
	 * @return the rule, if there is one
	 */
	public static Optional<LintRule> find(String id) {
		return ALL.stream().filter((rule) -> rule.id().equals(id)).findFirst();
	}

	/**
	 * The id closest to a misspelled one, for an error message.
	 * @param id the id as given
	 * @return the closest id
	 */
	public static String closest(String id) {
		String closest = MigrationNames.closest(id, ALL.stream().map(LintRule::id).toList());
		return (closest != null) ? closest : ALL.get(0).id();
	}

	private static List<LintRule> collect() {
		List<LintRule> rules = new ArrayList<>();
		rules.addAll(PostgresRules.rules());
		rules.addAll(MySqlRules.rules());
		rules.addAll(CommonRules.rules());
		return List.copyOf(rules);
	}

}
