package dev.smalls.testsupport;

/**
 * Tests of software installed on the machine (PgBouncer, a Galera cluster) rather than
 * downloaded by the build: on a developer's machine, skipped where it is missing, saying so
 * in the build's output and what to install; on CI ({@code CI=true}), where they prove what
 * the README claims, a missing package fails the build instead. Use with JUnit's
 * {@code @EnabledIf} on the test class, e.g.
 * {@code @EnabledIf("dev.smalls.testsupport.PgBouncer#isInstalled")}.
 */
public final class InstalledSoftware {

	private InstalledSoftware() {
	}

	/**
	 * Whether the software is there; if not, say so.
	 * @param what the software, e.g. "PgBouncer"
	 * @param installed whether it is
	 * @param install how to install it
	 * @return {@code installed}
	 */
	public static boolean check(String what, boolean installed, String install) {
		if (!installed && "true".equalsIgnoreCase(System.getenv("CI"))) {
			throw new IllegalStateException(what + " is not installed, and on CI (CI=true) its tests must run, not be "
					+ "skipped: install it (" + install + ")");
		}
		if (!installed) {
			// Surefire counts skipped tests but does not show why: say it where the build shows it.
			System.out.println("[SKIPPED] " + what + " is not installed, so its tests are skipped; to run them, install it ("
					+ install + ")");
		}
		return installed;
	}

}
