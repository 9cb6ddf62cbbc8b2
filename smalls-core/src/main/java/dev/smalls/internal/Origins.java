package dev.smalls.internal;

import org.jspecify.annotations.Nullable;

import dev.smalls.dialect.SmallsTables;

/**
 * The origins of history rows recorded without smalls running anything, as written in the
 * history's {@code origin} column: a kind first, then what a person (or a later check)
 * needs to know of where the row came from.
 * <ul>
 * <li>{@code baseline}: {@code smalls baseline}; the schema was there already.</li>
 * <li>{@code baseline flyway V1 <description>}: Flyway's baseline row.</li>
 * <li>{@code baseline liquibase <n> change sets ...}: a frozen Liquibase changelog.</li>
 * <li>{@code flyway <type> <script> checksum=<crc32>}: a versioned migration Flyway ran.</li>
 * </ul>
 * Every origin that starts with {@code baseline} is a baseline: smalls never rolls back
 * through it (it never ran the code that built what is below it). Other origins (an adopted
 * migration; a squashed one, later) roll back through the code with their sequence, when
 * there is one. Internal: not for use outside smalls.
 */
final class Origins {

	/** A {@code smalls baseline}. */
	static final String BASELINE = "baseline";

	private static final String CHECKSUM = " checksum=";

	private Origins() {
	}

	/**
	 * Whether an origin is a baseline's.
	 * @param origin the origin, or {@code null}
	 * @return {@code true} for a baseline
	 */
	static boolean isBaseline(@Nullable String origin) {
		return origin != null && (origin.equals(BASELINE) || origin.startsWith(BASELINE + " "));
	}

	/**
	 * The origin of a migration Flyway ran.
	 * @param type Flyway's type, e.g. {@code SQL} or {@code JDBC}
	 * @param script the script (or class) Flyway recorded
	 * @param checksum Flyway's checksum, or {@code null}
	 * @return the origin
	 */
	static String flyway(String type, String script, @Nullable Integer checksum) {
		String tail = (checksum != null) ? CHECKSUM + checksum : "";
		return fit("flyway " + type + " " + script, tail);
	}

	/**
	 * Whether an origin is a migration Flyway ran from Java (type {@code JDBC},
	 * {@code SPRING_JDBC}, ...), not from a SQL file: code smalls cannot run until it is ported.
	 * @param origin the origin, or {@code null}
	 * @return {@code true} for Flyway's Java migrations
	 */
	static boolean isFlywayJava(@Nullable String origin) {
		if (origin == null || !origin.startsWith("flyway ")) {
			return false;
		}
		String type = origin.substring("flyway ".length()).split(" ", 2)[0];
		return !type.startsWith("SQL");
	}

	/**
	 * The checksum Flyway recorded for an adopted migration: what a SQL-file migration's
	 * Flyway checksum can be compared with.
	 * @param origin the origin
	 * @return the checksum, or {@code null} if the origin has none
	 */
	static @Nullable Integer flywayChecksum(@Nullable String origin) {
		if (origin == null || !origin.startsWith("flyway ")) {
			return null;
		}
		int at = origin.lastIndexOf(CHECKSUM);
		return (at < 0) ? null : Integer.valueOf(origin.substring(at + CHECKSUM.length()));
	}

	/**
	 * An origin that fits the column, its end kept whole.
	 * @param text the origin's start
	 * @param tail what must not be cut, e.g. a checksum
	 * @return the origin, its start shortened if need be
	 */
	static String fit(String text, String tail) {
		int room = SmallsTables.ORIGIN_LENGTH - tail.length();
		return ((text.length() > room) ? text.substring(0, room - 3) + "..." : text) + tail;
	}

}
