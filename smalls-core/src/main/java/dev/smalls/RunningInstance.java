package dev.smalls;

import java.time.Instant;
import java.util.List;

/**
 * An instance of the application that announced itself ({@link SmallsMigrator#announce}) and
 * whose heartbeat is recent.
 *
 * @param id the instance, e.g. {@code app@pod-7f9c#k2x9}
 * @param release the release it runs
 * @param mapped the tables and {@code table.column}s it maps, lower case
 * @param startedAt when it announced itself
 * @param heartbeatAt when it last said it is alive
 */
public record RunningInstance(String id, String release, List<String> mapped, Instant startedAt,
		Instant heartbeatAt) {

	/**
	 * Whether this instance uses a name: a table it maps, or one of its columns, or a column
	 * it maps.
	 * @param name {@code table} or {@code table.column}
	 * @return the names of its that the name covers, empty if none
	 */
	public List<String> uses(String name) {
		String wanted = name.toLowerCase(java.util.Locale.ROOT);
		return this.mapped.stream()
			.filter((mapped) -> mapped.equals(wanted) || (!wanted.contains(".") && mapped.startsWith(wanted + ".")))
			.toList();
	}

}
