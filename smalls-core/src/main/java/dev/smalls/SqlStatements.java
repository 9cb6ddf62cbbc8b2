package dev.smalls;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits a SQL script into statements at {@code ;}, as Flyway does for the databases smalls
 * runs on: not inside quotes ({@code '...'}, {@code "..."}, {@code `...`}), line and block
 * comments or PostgreSQL dollar quotes
 * ({@code $$ ... $$}, {@code $body$ ... $body$}); a {@code DELIMITER //} line (the mysql
 * client's) changes the separator until the next {@code DELIMITER} line.
 * <p>
 * Spring's {@code ScriptUtils}, which runs init and seed scripts, knows no dollar quotes: a
 * PostgreSQL function would be cut at its first {@code ;}. A MySQL/MariaDB routine whose
 * {@code BEGIN ... END} body holds {@code ;} and is not wrapped in {@code DELIMITER} lines
 * is refused: cutting it would send half a routine.
 */
final class SqlStatements {

	private static final Pattern DELIMITER = Pattern.compile("(?i)[ \\t]*DELIMITER[ \\t]+(\\S+)[ \\t]*");

	private static final Pattern ROUTINE = Pattern.compile(
			"(?is)\\s*CREATE\\s+(OR\\s+REPLACE\\s+)?(DEFINER\\s*=\\s*\\S+\\s+)?(AGGREGATE\\s+)?"
					+ "(PROCEDURE|FUNCTION|TRIGGER|EVENT|PACKAGE)\\b.*");

	private static final Pattern WORD = Pattern.compile("(?i)\\b(BEGIN|END)\\b");

	private SqlStatements() {
	}

	/**
	 * The statements of a script, without their separators; statements that are only
	 * comments and blanks are left out.
	 * @param script the script
	 * @param file the file, for errors
	 * @return the statements
	 * @throws IllegalArgumentException with a message for the person who wrote the file, if
	 * a quote, comment or dollar quote is not closed, or a routine body would be cut
	 */
	static List<String> split(String script, String file) {
		List<String> statements = new ArrayList<>();
		StringBuilder current = new StringBuilder();
		// Text outside quotes and comments, to find BEGIN/END words.
		StringBuilder code = new StringBuilder();
		String separator = ";";
		int line = 1;
		int statementLine = 1;
		int i = 0;
		int length = script.length();
		while (i < length) {
			if (atLineStart(script, i)) {
				int end = script.indexOf('\n', i);
				end = (end < 0) ? length : end;
				Matcher delimiter = DELIMITER.matcher(script.substring(i, end).stripTrailing());
				if (delimiter.matches()) {
					add(statements, current, code, file, statementLine);
					separator = delimiter.group(1);
					i = end;
					continue;
				}
			}
			char c = script.charAt(i);
			if (c == '\n') {
				line++;
			}
			if (script.startsWith(separator, i)) {
				add(statements, current, code, file, statementLine);
				i += separator.length();
				statementLine = line;
				continue;
			}
			if (isBlank(current) && !Character.isWhitespace(c)) {
				statementLine = line;
			}
			int end;
			if (c == '\'' || c == '"' || c == '`') {
				boolean escapes = c == '\'' && i > 0 && (script.charAt(i - 1) == 'E' || script.charAt(i - 1) == 'e')
						&& (i < 2 || !Character.isLetterOrDigit(script.charAt(i - 2)));
				end = closeQuote(script, i, c, escapes);
				if (end < 0) {
					throw unclosed(file, line, "quote " + c);
				}
				code.append(' ');
			}
			else if (c == '-' && script.startsWith("--", i)) {
				end = script.indexOf('\n', i);
				end = (end < 0) ? length : end;
			}
			else if (c == '/' && script.startsWith("/*", i)) {
				end = script.indexOf("*/", i + 2);
				if (end < 0) {
					throw unclosed(file, line, "comment /*");
				}
				end += 2;
			}
			else if (c == '$' && dollarTag(script, i) != null) {
				String tag = dollarTag(script, i);
				end = script.indexOf(tag, i + tag.length());
				if (end < 0) {
					throw unclosed(file, line, "dollar quote " + tag);
				}
				end += tag.length();
				code.append(' ');
			}
			else {
				current.append(c);
				code.append(c);
				i++;
				continue;
			}
			String piece = script.substring(i, end);
			line += count(piece, '\n') - ((c == '\n') ? 1 : 0);
			current.append(piece);
			i = end;
		}
		add(statements, current, code, file, statementLine);
		return List.copyOf(statements);
	}

	private static boolean atLineStart(String script, int i) {
		return i == 0 || script.charAt(i - 1) == '\n';
	}

	private static void add(List<String> statements, StringBuilder current, StringBuilder code, String file,
			int line) {
		String statement = current.toString().strip();
		String words = code.toString();
		current.setLength(0);
		code.setLength(0);
		if (statement.isEmpty() || isOnlyComments(words)) {
			return;
		}
		if (ROUTINE.matcher(words).matches()) {
			int depth = 0;
			Matcher word = WORD.matcher(words);
			while (word.find()) {
				depth += word.group(1).toUpperCase(Locale.ROOT).equals("BEGIN") ? 1 : -1;
			}
			if (depth > 0) {
				throw new IllegalArgumentException(file + ", line " + line + ": the routine's BEGIN ... END body "
						+ "holds ';', where smalls ends a statement, so it would be cut in two. Put a line "
						+ "'DELIMITER //' before the routine, end it with '//', and put 'DELIMITER ;' after it "
						+ "(as for the mysql client).");
			}
		}
		statements.add(statement);
	}

	private static boolean isOnlyComments(String code) {
		return code.isBlank();
	}

	private static boolean isBlank(StringBuilder text) {
		for (int i = 0; i < text.length(); i++) {
			if (!Character.isWhitespace(text.charAt(i))) {
				return false;
			}
		}
		return true;
	}

	/** The end of a quoted text (after its closing quote), or -1. A doubled quote is part of it. */
	private static int closeQuote(String script, int start, char quote, boolean backslashEscapes) {
		int i = start + 1;
		while (i < script.length()) {
			char c = script.charAt(i);
			if (backslashEscapes && c == '\\') {
				i += 2;
				continue;
			}
			if (c == quote) {
				if (i + 1 < script.length() && script.charAt(i + 1) == quote) {
					i += 2;
					continue;
				}
				return i + 1;
			}
			i++;
		}
		return -1;
	}

	/** The dollar quote that starts at {@code i} ({@code $$} or {@code $tag$}), or {@code null}. */
	private static String dollarTag(String script, int i) {
		if (i > 0) {
			char before = script.charAt(i - 1);
			if (Character.isLetterOrDigit(before) || before == '_' || before == '$') {
				return null;
			}
		}
		int j = i + 1;
		while (j < script.length()) {
			char c = script.charAt(j);
			if (c == '$') {
				return script.substring(i, j + 1);
			}
			boolean letter = Character.isLetter(c) || c == '_';
			if (!(letter || (j > i + 1 && Character.isDigit(c)))) {
				return null;
			}
			j++;
		}
		return null;
	}

	private static int count(String text, char c) {
		int count = 0;
		for (int i = 0; i < text.length(); i++) {
			if (text.charAt(i) == c) {
				count++;
			}
		}
		return count;
	}

	private static IllegalArgumentException unclosed(String file, int line, String what) {
		return new IllegalArgumentException(file + ", line " + line + ": the " + what + " opened here is not closed.");
	}

}
