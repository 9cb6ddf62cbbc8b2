package dev.smalls.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import org.jspecify.annotations.Nullable;

import dev.smalls.MigrationNames;
import dev.smalls.SmallsException;
import dev.smalls.SmallsMigration;
import dev.smalls.SmallsMigrationException.Operation;
import dev.smalls.schema.SchemaMigration;
import dev.smalls.schema.SchemaPlan;

/**
 * The checksums the history records, each a kind and a SHA-256 digest:
 * <ul>
 * <li>{@code own:} the value the migration's {@link SmallsMigration#checksum()} returns, when
 * it is short printable text, or {@code own#} and its digest;</li>
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

	static final String DECLARED_DIGEST = "own#";

	/** The longest declared checksum recorded as it is: the column holds 100 characters. */
	private static final int MAX_PLAIN = 96;

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
	static @Nullable String of(SmallsMigration migration, int sequence, String name) {
		if (migration instanceof SquashStep squash) {
			// The row a replay of the replaced migrations writes, whatever the squash's own operations.
			return squash.recordedChecksum();
		}
		String declared;
		try {
			declared = migration.checksum();
		}
		catch (RuntimeException ex) {
			throw new SmallsException("The checksum() of " + MigrationNames.display(sequence, name) + " failed: "
					+ ex.getMessage(), "Make checksum() return a constant (or null), without touching the database.",
					ex);
		}
		if (declared != null) {
			return declared(declared);
		}
		if (migration instanceof SchemaMigration schema && !SchemaPlan.isWrittenByHand(schema, Operation.MIGRATE)) {
			return OPERATIONS + SchemaPlan.of(schema).checksum();
		}
		return null;
	}

	/**
	 * A declared checksum as recorded: as given when it is short printable text (a version
	 * such as {@code v3}: no digest to compute at every start-up, and a person reading the
	 * history sees it), else its digest.
	 * @param declared what {@code checksum()} returned
	 * @return {@code own:<value>} or {@code own#<sha-256>}
	 */
	static String declared(String declared) {
		if (declared.length() <= MAX_PLAIN) {
			boolean plain = true;
			for (int i = 0; i < declared.length() && plain; i++) {
				char c = declared.charAt(i);
				plain = c >= 0x20 && c < 0x7f;
			}
			if (plain) {
				return DECLARED + declared;
			}
		}
		return DECLARED_DIGEST + sha256(declared);
	}

	/**
	 * Whether a migration declares, as short text, exactly the checksum recorded: what most
	 * applied migrations that declare one give at a start-up, told without building a string
	 * (a start-up compares thousands). {@code false} means: compare in full.
	 * @param migration the migration
	 * @param recorded the recorded checksum
	 * @return {@code true} if they match
	 */
	static boolean declaresRecorded(SmallsMigration migration, String recorded) {
		if (!recorded.startsWith(DECLARED)) {
			return false;
		}
		String declared;
		try {
			declared = migration.checksum();
		}
		catch (RuntimeException ex) {
			return false;
		}
		return declared != null && recorded.length() == DECLARED.length() + declared.length()
				&& recorded.regionMatches(DECLARED.length(), declared, 0, declared.length());
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
