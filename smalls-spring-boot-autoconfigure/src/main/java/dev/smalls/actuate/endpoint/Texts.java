package dev.smalls.actuate.endpoint;

/**
 * Text a caller sent, as an answer may show it back: printable and of bounded length, so
 * that no answer echoes an unbounded or unprintable value.
 */
final class Texts {

	private static final int SHOWN_LENGTH = 40;

	private Texts() {
	}

	static String shown(String text) {
		String printable = text.replaceAll("\\p{Cntrl}", "?");
		return (printable.length() <= SHOWN_LENGTH) ? printable : printable.substring(0, SHOWN_LENGTH) + "...";
	}

}
