package dev.smalls.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import org.jspecify.annotations.Nullable;

import dev.smalls.SmallsException;
import dev.smalls.SmallsMigration;
import dev.smalls.SmallsMigrationException.Operation;
import dev.smalls.schema.SchemaMigration;
import dev.smalls.schema.SchemaPlan;

/**
 * The checksums the history records, each a kind and a SHA-256 digest:
 * <ul>
 * <li>{@code own:} the digest of the value the migration's {@link SmallsMigration#checksum()}
 * returns;</li>
 * <li>{@code ops:} a schema migration's operations ({@link SchemaPlan#checksum()});</li>
 * <li>{@code sql:} the statements a code migration sent when it was applied
 * ({@link StatementCapture}).</li>
 * </ul>
 * The first two can be computed from the code at any time, so an applied migration whose
 * code no longer gives the recorded checksum is known to be edited; the third only when the
 * migration runs. Internal: not for use outside smalls.
 */
final class Checksums {

	static final String DECLARED = "own:";

	static final String OPERATIONS = "ops:";

	static final String STATEMENTS = "sql:";

	private Checksums() {
	}

	/**
	 * The checksum the migration's code gives now, without running it.
	 * @param migration the migration
	 * @param name its display name, for errors
	 * @return the checksum, or {@code null} for code that declares none
	 * @throws SmallsException if the migration's {@code checksum()} or {@code change} fails
	 */
	static @Nullable String of(SmallsMigration migration, String name) {
		String declared;
		try {
			declared = migration.checksum();
		}
		catch (RuntimeException ex) {
			throw new SmallsException("The checksum() of " + name + " failed: " + ex.getMessage(),
					"Make checksum() return a constant (or null), without touching the database.", ex);
		}
		if (declared != null) {
			return DECLARED + sha256(declared);
		}
		if (migration instanceof SchemaMigration schema && !SchemaPlan.isWrittenByHand(schema, Operation.MIGRATE)) {
			return OPERATIONS + SchemaPlan.of(schema).checksum();
		}
		return null;
	}

	/**
	 * The checksum of the statements a code migration sent.
	 * @param capture the statements
	 * @return the checksum
	 */
	static String executed(StatementCapture capture) {
		return STATEMENTS + capture.digest();
	}

	/**
	 * Whether an applied migration was edited: both checksums known and different. A history
	 * row written before checksums were recorded, or a code migration without a declared
	 * checksum, is never taken for edited.
	 * @param recorded the history's checksum, or {@code null}
	 * @param now the code's checksum now, or {@code null}
	 * @return {@code true} if it was edited
	 */
	static boolean edited(@Nullable String recorded, @Nullable String now) {
		return recorded != null && now != null && !recorded.equals(now);
	}

	private static String sha256(String value) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
				.digest(value.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every Java platform has SHA-256", ex);
		}
	}

}
