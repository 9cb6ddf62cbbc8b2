package dev.smalls.benchmarks;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Collects samples and prints medians, ratios and growth with N as Markdown.
 */
final class Report {

	private final Map<Key, List<Double>> millis = new LinkedHashMap<>();

	private final Map<Key, Long> heap = new LinkedHashMap<>();

	private final List<String> notes = new ArrayList<>();

	void add(String scenario, BenchDatabase database, int size, String contender, double sampleMillis) {
		this.millis.computeIfAbsent(new Key(scenario, database, size, contender), (key) -> new ArrayList<>())
			.add(sampleMillis);
	}

	void heap(String scenario, BenchDatabase database, int size, String contender, long bytes) {
		this.heap.merge(new Key(scenario, database, size, contender), bytes, Math::max);
	}

	void note(String note) {
		this.notes.add(note);
	}

	double median(String scenario, BenchDatabase database, int size, String contender) {
		List<Double> samples = this.millis.get(new Key(scenario, database, size, contender));
		if (samples == null || samples.isEmpty()) {
			return Double.NaN;
		}
		List<Double> sorted = samples.stream().sorted().toList();
		int middle = sorted.size() / 2;
		return (sorted.size() % 2 == 1) ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2.0;
	}

	/** The floor a row is compared with: plain JDBC, or in scenario 4 the app with no tool. */
	double floor(String scenario, BenchDatabase database, int size) {
		double plain = median(scenario, database, size, PlainJdbcContender.NAME);
		return Double.isNaN(plain) ? median(scenario, database, size, BootScenario.NO_TOOL) : plain;
	}

	/** The sizes measured for a scenario on a database, ascending. */
	List<Integer> sizes(String scenario, BenchDatabase database) {
		return this.millis.keySet()
			.stream()
			.filter((key) -> key.scenario().equals(scenario) && key.database() == database)
			.map(Key::size)
			.distinct()
			.sorted()
			.toList();
	}

	/**
	 * The exponent b in time ~ N^b between the two largest sizes: 1 is linear, 2 quadratic.
	 * The largest sizes, because at small N the fixed costs hide the growth.
	 */
	double growth(String scenario, BenchDatabase database, String contender) {
		List<Integer> sizes = sizes(scenario, database);
		if (sizes.size() < 2) {
			return Double.NaN;
		}
		int small = sizes.get(sizes.size() - 2);
		int large = sizes.get(sizes.size() - 1);
		return Math.log(median(scenario, database, large, contender) / median(scenario, database, small, contender))
				/ Math.log((double) large / small);
	}

	String table() {
		StringBuilder out = new StringBuilder();
		out.append("| scenario | database | N | contender | runs | median ms | x plain JDBC | x smalls | peak heap MB |\n");
		out.append("| --- | --- | ---: | --- | ---: | ---: | ---: | ---: | ---: |\n");
		for (Map.Entry<Key, List<Double>> entry : this.millis.entrySet()) {
			Key key = entry.getKey();
			double median = median(key.scenario(), key.database(), key.size(), key.contender());
			double floor = floor(key.scenario(), key.database(), key.size());
			double smalls = median(key.scenario(), key.database(), key.size(), SmallsContender.NAME);
			Long bytes = this.heap.get(key);
			out.append(String.format("| %s | %s | %,d | %s | %d | %.2f | %s | %s | %s |%n", key.scenario(),
					key.database().displayName(), key.size(), key.contender(), entry.getValue().size(), median,
					ratio(median, floor), ratio(median, smalls), (bytes != null) ? String.format("%.0f", bytes / 1e6) : ""));
		}
		String growth = growthLines();
		if (!growth.isEmpty()) {
			out.append("\nGrowth with N, as b in time ~ N^b between the two largest N (1 = linear, 2 = quadratic):\n")
				.append(growth);
		}
		for (String note : this.notes) {
			out.append('\n').append(note).append('\n');
		}
		return out.toString();
	}

	private String growthLines() {
		Map<String, List<Key>> groups = this.millis.keySet()
			.stream()
			.collect(Collectors.groupingBy((key) -> key.scenario() + ", " + key.database().displayName(),
					LinkedHashMap::new, Collectors.toList()));
		StringBuilder out = new StringBuilder();
		groups.forEach((group, keys) -> {
			Key first = keys.get(0);
			List<Integer> sizes = sizes(first.scenario(), first.database());
			if (sizes.size() >= 2) {
				String exponents = keys.stream()
					.map(Key::contender)
					.distinct()
					.map((contender) -> String.format("%s %.2f", contender,
							growth(first.scenario(), first.database(), contender)))
					.collect(Collectors.joining(", "));
				out.append(String.format("- %s (N %,d to %,d): %s%n", group, sizes.get(sizes.size() - 2),
						sizes.get(sizes.size() - 1), exponents));
			}
		});
		return out.toString();
	}

	private static String ratio(double value, double base) {
		if (Double.isNaN(base) || base <= 0 || Double.isNaN(value)) {
			return "";
		}
		return String.format("%.2f", value / base);
	}

	record Key(String scenario, BenchDatabase database, int size, String contender) {
	}

}
