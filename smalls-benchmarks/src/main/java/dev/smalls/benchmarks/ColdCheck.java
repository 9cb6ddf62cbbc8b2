package dev.smalls.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;

import com.zaxxer.hikari.HikariDataSource;

/**
 * The first thing a freshly started JVM does: check an up-to-date database. Run in a child
 * JVM; prints {@code millis=<m> heap=<peak heap bytes>}.
 */
public final class ColdCheck {

	private ColdCheck() {
	}

	public static void main(String[] args) throws Exception {
		Contender contender = Contender.named(args[0]);
		BenchDatabase database = BenchDatabase.valueOf(args[1]);
		Workload workload = new Workload(Integer.parseInt(args[3]));
		long started = System.nanoTime();
		try (HikariDataSource dataSource = database.pool(args[2])) {
			contender.check(dataSource, workload);
			double millis = (System.nanoTime() - started) / 1_000_000.0;
			System.out.println("millis=" + String.format(java.util.Locale.ROOT, "%.2f", millis) + " heap=" + peakHeap());
		}
		System.exit(0);
	}

	static long peakHeap() {
		long peak = 0;
		for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
			if (pool.getType() == MemoryType.HEAP) {
				peak += pool.getPeakUsage().getUsed();
			}
		}
		return peak;
	}

}
