package dev.smalls.input;

import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * The one rule for a sequence or a count that a person types into a command or sends to the
 * endpoint: ASCII digits and nothing else, leading zeros allowed ({@code 0003} is how
 * sequences are shown, so it is how they are copied). A sign, a space, a tab or a newline
 * anywhere makes it no number: {@code " 3 "} is more likely a script's mistake than a number
 * meant, and the endpoint and the shell must not disagree about what they run.
 */
public final class WholeNumbers {

	/** What the rule accepts, said at the end of every refusal. */
	public static final String ACCEPTED = "digits alone, no sign, no spaces";

	// [0-9], not \d: the same whatever flags a pattern is compiled with. Nine digits keep any
	// value below Integer.MAX_VALUE.
	private static final Pattern DIGITS = Pattern.compile("[0-9]{1,9}");

	private WholeNumbers() {
	}

	/**
	 * Read a whole number.
	 * @param text the text as typed or sent
	 * @param minimum the smallest value allowed
	 * @return the number, or {@code null} when the text is not one, or is below the minimum
	 */
	public static @Nullable Integer parse(String text, int minimum) {
		if (!DIGITS.matcher(text).matches()) {
			return null;
		}
		int value = Integer.parseInt(text);
		return (value >= minimum) ? value : null;
	}

	/**
	 * Why a text was refused, e.g. {@code --to must be a whole number of 0 or more, such as 2
	 * or 0002, not ' 3': digits alone, no sign, no spaces}.
	 * @param what what the number is, e.g. {@code --to} or {@code 'to'}
	 * @param minimum the smallest value allowed
	 * @param shown the refused text, as it may be shown back
	 * @return the reason, without a full stop
	 */
	public static String refusal(String what, int minimum, String shown) {
		return what + " must be a whole number of " + minimum + " or more, such as 2 or 0002, not '" + shown + "': "
				+ ACCEPTED;
	}

}
