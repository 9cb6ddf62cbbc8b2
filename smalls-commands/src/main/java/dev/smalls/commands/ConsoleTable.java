package dev.smalls.commands;

import java.io.PrintWriter;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A plain-text table: columns padded to their widest cell, nothing that needs a terminal.
 */
final class ConsoleTable {

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
		.withZone(ZoneId.systemDefault());

	private final List<String[]> rows = new ArrayList<>();

	ConsoleTable(String... headers) {
		this.rows.add(headers);
	}

	ConsoleTable row(Object... cells) {
		String[] row = new String[cells.length];
		for (int i = 0; i < cells.length; i++) {
			row[i] = (cells[i] != null) ? cells[i].toString() : "";
		}
		this.rows.add(row);
		return this;
	}

	void print(PrintWriter out) {
		int columns = this.rows.get(0).length;
		int[] widths = new int[columns];
		for (String[] row : this.rows) {
			for (int i = 0; i < columns; i++) {
				widths[i] = Math.max(widths[i], row[i].length());
			}
		}
		for (String[] row : this.rows) {
			StringBuilder line = new StringBuilder();
			for (int i = 0; i < columns; i++) {
				line.append(i == 0 ? "  " : "  ").append(String.format("%-" + widths[i] + "s", row[i]));
			}
			out.println(line.toString().stripTrailing());
		}
	}

	static String time(@Nullable Instant instant) {
		return (instant != null) ? TIME.format(instant) : "";
	}

}
