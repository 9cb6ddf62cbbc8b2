package dev.smalls.maven;

import java.io.Writer;
import java.util.ArrayList;
import java.util.List;

import org.apache.maven.plugin.logging.Log;

/**
 * What a command prints, line by line into the build's log as each line ends (a migrate's
 * progress shows while it runs), and kept for the failure's message.
 */
final class LoggedLines extends Writer {

	private final Log log;

	private final StringBuilder line = new StringBuilder();

	private final List<String> lines = new ArrayList<>();

	LoggedLines(Log log) {
		this.log = log;
	}

	@Override
	public synchronized void write(char[] buffer, int offset, int length) {
		for (int i = offset; i < offset + length; i++) {
			char c = buffer[i];
			if (c == '\n') {
				endLine();
			}
			else if (c != '\r') {
				this.line.append(c);
			}
		}
	}

	private void endLine() {
		String text = this.line.toString();
		this.line.setLength(0);
		this.lines.add(text);
		this.log.info(text);
	}

	@Override
	public synchronized void flush() {
		// Lines are logged as they end: a part of a line waits for its end, or for close().
	}

	@Override
	public synchronized void close() {
		if (!this.line.isEmpty()) {
			endLine();
		}
	}

	/**
	 * The lines logged so far.
	 * @return the lines, in order
	 */
	synchronized List<String> lines() {
		return List.copyOf(this.lines);
	}

}
