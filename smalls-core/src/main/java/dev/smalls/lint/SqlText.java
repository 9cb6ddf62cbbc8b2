package dev.smalls.lint;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * One SQL statement as the rules read it: its tokens, without comments, words lower-cased and
 * identifiers unquoted. Not a parser: enough to tell which statement it is, what it acts on and
 * which clauses it has, on PostgreSQL and MariaDB/MySQL syntax.
 */
final class SqlText {

	private final String sql;

	private final List<String> tokens;

	private SqlText(String sql, List<String> tokens) {
		this.sql = sql;
		this.tokens = tokens;
	}

	static SqlText of(String sql) {
		return new SqlText(sql, tokenize(sql));
	}

	String sql() {
		return this.sql;
	}

	List<String> tokens() {
		return this.tokens;
	}

	int size() {
		return this.tokens.size();
	}

	String token(int index) {
		return (index >= 0 && index < this.tokens.size()) ? this.tokens.get(index) : "";
	}

	/**
	 * Whether the statement starts with these words, in order.
	 */
	boolean startsWith(String... words) {
		return at(0, words);
	}

	boolean at(int index, String... words) {
		for (int i = 0; i < words.length; i++) {
			if (!token(index + i).equals(words[i])) {
				return false;
			}
		}
		return true;
	}

	/**
	 * Where these words first appear in order, from {@code from}, or -1.
	 */
	int find(int from, String... words) {
		for (int i = Math.max(0, from); i + words.length <= this.tokens.size(); i++) {
			if (at(i, words)) {
				return i;
			}
		}
		return -1;
	}

	boolean has(String... words) {
		return find(0, words) >= 0;
	}

	/**
	 * The name at {@code index}, qualified names joined ({@code public.users}); empty if none.
	 */
	String nameAt(int index) {
		StringBuilder name = new StringBuilder(token(index));
		int i = index + 1;
		while (token(i).equals(".") && !token(i + 1).isEmpty()) {
			name.append('.').append(token(i + 1));
			i += 2;
		}
		return name.toString();
	}

	/**
	 * The index just after the name at {@code index}.
	 */
	int afterName(int index) {
		int i = index + 1;
		while (token(i).equals(".")) {
			i += 2;
		}
		return i;
	}

	/**
	 * Skip optional words at {@code index} ({@code if exists}, {@code only}...).
	 */
	int skip(int index, String[]... optional) {
		int i = index;
		boolean moved = true;
		while (moved) {
			moved = false;
			for (String[] words : optional) {
				if (words.length > 0 && at(i, words)) {
					i += words.length;
					moved = true;
				}
			}
		}
		return i;
	}

	/**
	 * For {@code ALTER TABLE t a, b, c}: the index of the first token of each action, split at
	 * commas outside parentheses; empty if this is not such a statement.
	 */
	List<Integer> alterTableActions() {
		if (!startsWith("alter", "table")) {
			return List.of();
		}
		int i = afterName(skip(2, new String[] { "if", "exists" }, new String[] { "only" }));
		if (token(i).equals("*")) {
			i++;
		}
		List<Integer> starts = new ArrayList<>();
		starts.add(i);
		for (int end = actionEnd(i); end < this.tokens.size() && this.tokens.get(end).equals(","); end = actionEnd(
				end + 1)) {
			starts.add(end + 1);
		}
		return starts;
	}

	/**
	 * The table an {@code ALTER TABLE} acts on.
	 */
	@Nullable String alteredTable() {
		if (!startsWith("alter", "table")) {
			return null;
		}
		return nameAt(skip(2, new String[] { "if", "exists" }, new String[] { "only" }));
	}

	/**
	 * The end of the action starting at {@code start}: the next comma outside parentheses.
	 */
	int actionEnd(int start) {
		int depth = 0;
		for (int j = start; j < this.tokens.size(); j++) {
			String token = this.tokens.get(j);
			if (token.equals("(")) {
				depth++;
			}
			else if (token.equals(")")) {
				depth--;
			}
			else if ((token.equals(",") || token.equals(";")) && depth == 0) {
				return j;
			}
		}
		return this.tokens.size();
	}

	/**
	 * Whether the words appear in order between {@code from} (inclusive) and {@code to}.
	 */
	boolean within(int from, int to, String... words) {
		int at = find(from, words);
		return at >= 0 && at + words.length <= to;
	}

	private static List<String> tokenize(String sql) {
		List<String> tokens = new ArrayList<>();
		int i = 0;
		int length = sql.length();
		while (i < length) {
			char c = sql.charAt(i);
			if (Character.isWhitespace(c)) {
				i++;
			}
			else if (c == '-' && i + 1 < length && sql.charAt(i + 1) == '-') {
				while (i < length && sql.charAt(i) != '\n') {
					i++;
				}
			}
			else if (c == '/' && i + 1 < length && sql.charAt(i + 1) == '*') {
				int end = sql.indexOf("*/", i + 2);
				i = (end < 0) ? length : end + 2;
			}
			else if (c == '\'') {
				int end = i + 1;
				while (end < length) {
					if (sql.charAt(end) == '\'') {
						if (end + 1 < length && sql.charAt(end + 1) == '\'') {
							end += 2;
							continue;
						}
						break;
					}
					end++;
				}
				tokens.add(sql.substring(i, Math.min(end + 1, length)));
				i = end + 1;
			}
			else if (c == '"' || c == '`') {
				int end = sql.indexOf(c, i + 1);
				end = (end < 0) ? length : end;
				tokens.add(sql.substring(i + 1, end));
				i = end + 1;
			}
			else if (Character.isLetterOrDigit(c) || c == '_' || c == '$') {
				int end = i;
				while (end < length && (Character.isLetterOrDigit(sql.charAt(end)) || sql.charAt(end) == '_'
						|| sql.charAt(end) == '$')) {
					end++;
				}
				tokens.add(sql.substring(i, end).toLowerCase(Locale.ROOT));
				i = end;
			}
			else if (c == ':' && i + 1 < length && sql.charAt(i + 1) == ':') {
				tokens.add("::");
				i += 2;
			}
			else {
				tokens.add(String.valueOf(c));
				i++;
			}
		}
		return tokens;
	}

}
