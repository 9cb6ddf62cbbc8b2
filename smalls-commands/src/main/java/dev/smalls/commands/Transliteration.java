package dev.smalls.commands;

import java.text.Normalizer;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import dev.smalls.SmallsValidationException;

/**
 * Spells a description in ASCII for a class name: {@code añadir columna} becomes
 * {@code anadir columna}, {@code Straße} becomes {@code Strasse}. A letter with no ASCII
 * spelling (Cyrillic, Greek, CJK, ...) is refused, never silently dropped: a migration named
 * after half its description would be a puzzle later.
 */
final class Transliteration {

	/** Latin letters that do not decompose into a base letter and accents. */
	private static final Map<Character, String> LETTERS = Map.ofEntries(Map.entry('ß', "ss"), Map.entry('ẞ', "SS"),
			Map.entry('æ', "ae"), Map.entry('Æ', "AE"), Map.entry('œ', "oe"), Map.entry('Œ', "OE"),
			Map.entry('ø', "o"), Map.entry('Ø', "O"), Map.entry('đ', "d"), Map.entry('Đ', "D"), Map.entry('ð', "d"),
			Map.entry('Ð', "D"), Map.entry('ł', "l"), Map.entry('Ł', "L"), Map.entry('þ', "th"), Map.entry('Þ', "TH"),
			Map.entry('ı', "i"));

	private Transliteration() {
	}

	/**
	 * The description with every letter and digit in ASCII.
	 * @param description the description as typed
	 * @return the description in ASCII letters, digits and whatever else was typed
	 * @throws SmallsValidationException if a letter or digit has no ASCII spelling
	 */
	static String toAscii(String description) {
		String decomposed = Normalizer.normalize(description, Normalizer.Form.NFD);
		StringBuilder ascii = new StringBuilder(decomposed.length());
		Set<String> unspellable = new LinkedHashSet<>();
		decomposed.codePoints().forEach((codePoint) -> {
			if (codePoint < 128) {
				ascii.appendCodePoint(codePoint);
			}
			else if (Character.getType(codePoint) == Character.NON_SPACING_MARK) {
				// An accent split off its letter by the decomposition: the letter stays.
			}
			else if (codePoint <= Character.MAX_VALUE && LETTERS.containsKey((char) codePoint)) {
				ascii.append(LETTERS.get((char) codePoint));
			}
			else if (Character.isLetterOrDigit(codePoint)) {
				unspellable.add(Character.toString(codePoint));
			}
			else {
				ascii.append(' ');
			}
		});
		if (!unspellable.isEmpty()) {
			throw new SmallsValidationException("The description has letters smalls cannot spell in ASCII for a Java "
					+ "class name: " + unspellable.stream().limit(5).collect(Collectors.joining(" ")) + ". Nothing was "
					+ "written.", "Describe the change in ASCII letters, e.g. smalls create add email to users");
		}
		return ascii.toString();
	}

}
