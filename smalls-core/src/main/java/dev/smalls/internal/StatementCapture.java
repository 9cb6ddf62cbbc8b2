package dev.smalls.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The statements a migration's code sent while it ran, as SQL text, in order: what a code
 * migration's checksum is made of. Statements are seen on the connection smalls binds for
 * the step (below {@code JdbcTemplate}, so {@code JdbcClient},
 * {@code NamedParameterJdbcTemplate} and plain JDBC on the migrated {@code DataSource} are
 * seen alike): a prepared statement when it is prepared, a plain one when it is executed or
 * batched. Parameters are not part of it. Internal: not for use outside smalls.
 */
final class StatementCapture {

	private final MessageDigest digest;

	private static final MessageDigest PROTOTYPE = lookUp();

	private int count;

	private final @Nullable List<String> statements;

	/** A capture that keeps only the digest. */
	StatementCapture() {
		this(false);
	}

	/**
	 * A capture.
	 * @param keep whether to keep the statements themselves too (for a plan)
	 */
	StatementCapture(boolean keep) {
		this.statements = keep ? new ArrayList<>() : null;
		this.digest = newDigest();
	}

	/** A fresh SHA-256 digest: a clone of one looked up once, cheaper than a lookup at every step. */
	private static MessageDigest newDigest() {
		try {
			return (MessageDigest) PROTOTYPE.clone();
		}
		catch (CloneNotSupportedException ex) {
			return lookUp();
		}
	}

	private static MessageDigest lookUp() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every Java platform has SHA-256", ex);
		}
	}

	/**
	 * Record one statement.
	 * @param sql its text as sent
	 */
	void record(String sql) {
		byte[] bytes = sql.getBytes(StandardCharsets.UTF_8);
		this.digest.update((bytes.length + ":").getBytes(StandardCharsets.US_ASCII));
		this.digest.update(bytes);
		this.count++;
		if (this.statements != null) {
			this.statements.add(sql);
		}
	}

	/**
	 * The statements recorded, when kept.
	 * @return the statements in order, empty if they were not kept
	 */
	List<String> statements() {
		return (this.statements != null) ? List.copyOf(this.statements) : List.of();
	}

	/**
	 * How many statements were recorded.
	 * @return the count
	 */
	int count() {
		return this.count;
	}

	/**
	 * The digest of the statements recorded.
	 * @return 64 hexadecimal digits
	 */
	String digest() {
		return HexFormat.of().formatHex(this.digest.digest());
	}

}
