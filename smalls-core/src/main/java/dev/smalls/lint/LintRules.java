package dev.smalls.lint;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

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
		return ALL.stream().min(Comparator.comparingInt((LintRule rule) -> distance(rule.id(), id))).orElseThrow().id();
	}

	private static int distance(String a, String b) {
		int[] previous = new int[b.length() + 1];
		int[] current = new int[b.length() + 1];
		for (int j = 0; j <= b.length(); j++) {
			previous[j] = j;
		}
		for (int i = 1; i <= a.length(); i++) {
			current[0] = i;
			for (int j = 1; j <= b.length(); j++) {
				int cost = (a.charAt(i - 1) == b.charAt(j - 1)) ? 0 : 1;
				current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
			}
			int[] swap = previous;
			previous = current;
			current = swap;
		}
		return previous[b.length()];
	}

	private static List<LintRule> collect() {
		List<LintRule> rules = new ArrayList<>();
		rules.addAll(PostgresRules.rules());
		rules.addAll(MySqlRules.rules());
		rules.addAll(CommonRules.rules());
		return List.copyOf(rules);
	}

}
