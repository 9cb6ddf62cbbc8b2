package dev.smalls.maven.scan.usable;

/** Loading it would fail the scan: it is never loaded, since it is no migration. */
public class NotAMigration {

	static {
		if (true) {
			throw new IllegalStateException("NotAMigration was initialized");
		}
	}

}
