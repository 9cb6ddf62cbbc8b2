package dev.smalls.dialect.lock;

import java.lang.management.ManagementFactory;

/**
 * How a lock names the process that holds it ({@code pid@host}), computed once: the JVM
 * builds the name anew, host lookup included, on every call.
 */
final class ThisProcess {

	static final String NAME = ManagementFactory.getRuntimeMXBean().getName();

	private ThisProcess() {
	}

}
