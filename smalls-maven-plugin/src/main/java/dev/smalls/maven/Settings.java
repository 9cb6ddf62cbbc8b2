package dev.smalls.maven;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The goals' settings read as the application reads its {@code smalls.*} properties:
 * values of a choice in any case ({@code fail}, {@code FAIL}), durations as {@code 30s},
 * {@code 500ms}, {@code 2m} or {@code PT30S}.
 */
final class Settings {

	private static final Pattern SIMPLE_DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)?");

	private static final Map<String, Duration> UNITS = Map.of("ms", Duration.ofMillis(1), "s", Duration.ofSeconds(1),
			"m", Duration.ofMinutes(1), "h", Duration.ofHours(1), "d", Duration.ofDays(1));

	private Settings() {
	}

	/**
	 * A value of a choice.
	 * @param <E> the choice
	 * @param type the choice's type
	 * @param name the setting's name, for the message
	 * @param text the value as configured
	 * @return the value
	 * @throws IllegalArgumentException naming the values allowed
	 */
	static <E extends Enum<E>> E value(Class<E> type, String name, String text) {
		String constant = text.strip().replace('-', '_').toUpperCase(Locale.ROOT);
		return Arrays.stream(type.getEnumConstants())
			.filter((candidate) -> candidate.name().equals(constant))
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException("<" + name + "> must be one of " + Arrays
				.stream(type.getEnumConstants())
				.map((candidate) -> candidate.name().toLowerCase(Locale.ROOT))
				.collect(Collectors.joining(", ")) + ", not '" + text + "'"));
	}

	/**
	 * A duration.
	 * @param name the setting's name, for the message
	 * @param text the value as configured: a number with a unit ({@code ms}, {@code s},
	 * {@code m}, {@code h}, {@code d}; milliseconds without one) or ISO-8601
	 * @return the duration
	 * @throws IllegalArgumentException saying how to write it
	 */
	static Duration duration(String name, String text) {
		Matcher simple = SIMPLE_DURATION.matcher(text.strip());
		if (simple.matches()) {
			String unit = (simple.group(2) != null) ? simple.group(2) : "ms";
			return UNITS.get(unit).multipliedBy(Long.parseLong(simple.group(1)));
		}
		try {
			return Duration.parse(text.strip());
		}
		catch (DateTimeParseException ex) {
			throw new IllegalArgumentException("<" + name + "> must be a duration such as 30s, 500ms or 2m, not '"
					+ text + "'", ex);
		}
	}

}
