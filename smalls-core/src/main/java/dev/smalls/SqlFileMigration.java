package dev.smalls;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.CRC32;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A migration written as a SQL file, Flyway style: {@code V3__add_email.sql} is migration
 * {@code 0003_add_email}, and {@code U3__add_email.sql} beside it, if there is one, its
 * rollback. Found by {@link SqlFileMigrations} in the configured locations
 * ({@code classpath:db/migration} by default), it runs in one sequence with the migration
 * beans.
 * <p>
 * {@link #migrate(JdbcTemplate)} runs the file's statements one after another in the
 * migration's transaction; {@link #rollback(JdbcTemplate)} runs the {@code U} file's. Without
 * a {@code U} file the migration cannot be rolled back, and smalls refuses a rollback across
 * it before anything runs, naming the file to add.
 * <p>
 * Its {@link #checksum()} is a digest of the {@code V} file as written (line endings and a
 * byte order mark aside), so an applied file that is edited shows as
 * {@link MigrationState#EDITED}; {@link #flywayChecksum()} is the checksum Flyway recorded
 * for the same file, to tell whether it changed since Flyway ran it.
 */
public final class SqlFileMigration implements SmallsMigration {

	/** A header line that makes a file run outside a transaction. */
	public static final String NO_TRANSACTION = "-- smalls:no-transaction";

	private final int sequence;

	private final String name;

	private final String description;

	private final String location;

	private final String script;

	private final String rollbackScript;

	private final @Nullable String rollbackLocation;

	private final List<String> statements;

	private final @Nullable List<String> rollbackStatements;

	private final boolean transactional;

	private final String checksum;

	private final int flywayChecksum;

	SqlFileMigration(int sequence, String name, String description, String location, String script,
			String content, List<String> statements, @Nullable String rollbackLocation,
			@Nullable List<String> rollbackStatements, boolean transactional) {
		this.sequence = sequence;
		this.name = name;
		this.description = description;
		this.location = location;
		this.script = script;
		int slash = script.lastIndexOf('/');
		this.rollbackScript = script.substring(0, slash + 1) + "U" + script.substring(slash + 2);
		this.rollbackLocation = rollbackLocation;
		this.statements = List.copyOf(statements);
		this.rollbackStatements = (rollbackStatements != null) ? List.copyOf(rollbackStatements) : null;
		this.transactional = transactional;
		this.checksum = checksumOf(content);
		this.flywayChecksum = flywayChecksumOf(content);
	}

	@Override
	public int sequence() {
		return this.sequence;
	}

	/**
	 * The description in the file's name in snake case: {@code V3__Add_Email.sql} gives
	 * {@code add_email}.
	 * @return the name
	 */
	@Override
	public String name() {
		return this.name;
	}

	/**
	 * Whether the file runs in a transaction: {@code true} unless it starts with a
	 * {@value #NO_TRANSACTION} line, or a Flyway script configuration file beside it
	 * ({@code V3__x.sql.conf}) says {@code executeInTransaction=false}.
	 * @return {@code true} to run in a transaction
	 */
	@Override
	public boolean transactional() {
		return this.transactional;
	}

	/**
	 * A digest of the {@code V} file's text as written, before placeholders are replaced
	 * (their values may differ between environments), with {@code \r\n} and {@code \r} read as
	 * {@code \n} and a byte order mark left out. The {@code U} file is not part of it: fixing a
	 * rollback does not change what an applied migration did.
	 * @return {@code sql-sha256:} and 64 hexadecimal digits
	 */
	@Override
	public String checksum() {
		return this.checksum;
	}

	/**
	 * The checksum Flyway computes for the {@code V} file and records in
	 * {@code flyway_schema_history.checksum}: a CRC32 over the UTF-8 bytes of each line,
	 * without line terminators, a byte order mark left out, as a signed integer. The same
	 * for the file with {@code \r\n} and with {@code \n} line endings.
	 * @return the checksum
	 */
	public int flywayChecksum() {
		return this.flywayChecksum;
	}

	/**
	 * Where the {@code V} file is, as people find it.
	 * @return e.g. {@code classpath:db/migration/V3__add_email.sql}
	 */
	public String location() {
		return this.location;
	}

	/**
	 * The {@code V} file's path within its location, as Flyway records it in the
	 * {@code script} column.
	 * @return e.g. {@code V3__add_email.sql}, or {@code sub/V3__add_email.sql}
	 */
	public String script() {
		return this.script;
	}

	/**
	 * The description as Flyway records it: the file name's description with underscores
	 * read as spaces.
	 * @return e.g. {@code add email}
	 */
	public String description() {
		return this.description;
	}

	/**
	 * The {@code U} file's path within the location: the file that rolls this migration back,
	 * whether or not it exists.
	 * @return e.g. {@code U3__add_email.sql}
	 */
	public String rollbackScript() {
		return this.rollbackScript;
	}

	/**
	 * Where the {@code U} file is.
	 * @return its location, or {@code null} if there is none (the migration cannot be
	 * rolled back)
	 */
	public @Nullable String rollbackLocation() {
		return this.rollbackLocation;
	}

	/**
	 * The statements {@link #migrate(JdbcTemplate)} runs, placeholders replaced.
	 * @return the statements, without their separators
	 */
	public List<String> statements() {
		return this.statements;
	}

	/**
	 * The statements {@link #rollback(JdbcTemplate)} runs, placeholders replaced.
	 * @return the statements, or {@code null} if there is no {@code U} file
	 */
	public @Nullable List<String> rollbackStatements() {
		return this.rollbackStatements;
	}

	/**
	 * Why this migration cannot be rolled back, for the migrator to refuse before anything
	 * runs.
	 * @return the reason, naming the file to add, or {@code null} if there is a {@code U}
	 * file
	 */
	public @Nullable String irreversibleReason() {
		return (this.rollbackLocation != null) ? null : "it has no rollback file: add " + this.rollbackScript
				+ " beside " + this.location;
	}

	@Override
	public void migrate(JdbcTemplate jdbc) {
		for (String statement : this.statements) {
			jdbc.execute(statement);
		}
	}

	/**
	 * Run the {@code U} file's statements.
	 * @throws SmallsValidationException if there is no {@code U} file; nothing ran
	 */
	@Override
	public void rollback(JdbcTemplate jdbc) {
		List<String> statements = this.rollbackStatements;
		if (statements == null) {
			throw new SmallsValidationException(SmallsValidationException.Problem.IRREVERSIBLE, List.of(this.sequence),
					MigrationNames.display(this.sequence, this.name) + " cannot be rolled back: "
							+ irreversibleReason() + ".",
					"Add " + this.rollbackScript + " with the statements that undo " + this.script + ".");
		}
		for (String statement : statements) {
			jdbc.execute(statement);
		}
	}

	@Override
	public String toString() {
		return this.location;
	}

	static String checksumOf(String content) {
		String normalized = withoutBom(content).replace("\r\n", "\n").replace('\r', '\n');
		try {
			return "sql-sha256:" + HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(normalized.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every Java platform has SHA-256", ex);
		}
	}

	/**
	 * Flyway's checksum ({@code ChecksumCalculator}): lines as a {@link BufferedReader}
	 * reads them, the first without a byte order mark, each line's UTF-8 bytes into one CRC32.
	 */
	static int flywayChecksumOf(String content) {
		CRC32 crc32 = new CRC32();
		try (BufferedReader reader = new BufferedReader(new StringReader(content))) {
			String line = reader.readLine();
			if (line != null) {
				line = withoutBom(line);
				do {
					crc32.update(line.getBytes(StandardCharsets.UTF_8));
				}
				while ((line = reader.readLine()) != null);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return (int) crc32.getValue();
	}

	static String withoutBom(String text) {
		return (!text.isEmpty() && text.charAt(0) == '\uFEFF') ? text.substring(1) : text;
	}

}
