package dev.smalls.benchmarks;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Collects samples and prints medians and ratios as a Markdown table.
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

	List<Key> keys() {
		return List.copyOf(this.millis.keySet());
	}

	String table() {
		StringBuilder out = new StringBuilder();
		out.append("| scenario | database | N | contender | runs | median ms | x plain JDBC | x smalls | peak heap MB |\n");
		out.append("| --- | --- | ---: | --- | ---: | ---: | ---: | ---: | ---: |\n");
		for (Map.Entry<Key, List<Double>> entry : this.millis.entrySet()) {
			Key key = entry.getKey();
			double median = median(key.scenario(), key.database(), key.size(), key.contender());
			double floor = median(key.scenario(), key.database(), key.size(), "plain-jdbc");
			double smalls = median(key.scenario(), key.database(), key.size(), "smalls");
			Long bytes = this.heap.get(key);
			out.append(String.format("| %s | %s | %,d | %s | %d | %.2f | %s | %s | %s |%n", key.scenario(),
					key.database().displayName(), key.size(), key.contender(), entry.getValue().size(), median,
					ratio(median, floor), ratio(median, smalls), (bytes != null) ? String.format("%.0f", bytes / 1e6) : ""));
		}
		for (String note : this.notes) {
			out.append('\n').append(note).append('\n');
		}
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
