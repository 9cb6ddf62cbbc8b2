package dev.smalls.testsupport;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.zaxxer.hikari.HikariDataSource;

import dev.smalls.SmallsMigrator;
import dev.smalls.SqlMigration;
import dev.smalls.dialect.LockStrategy;

/**
 * A separate JVM that migrates one database, as one instance of a deployment, and that its
 * parent kills with SIGKILL where it likes: the migrations are SQL given on the command
 * line, applied in order, and before each it prints {@code RUNNING <sequence>}. A migration's
 * statements are separated by {@code ;;}; a statement {@code PAUSE} prints
 * {@code PAUSED <sequence>} and waits to be killed.
 * <p>
 * Arguments: URL, user, password, lock strategy, then the SQL of each migration.
 */
public final class MigrationInProcess implements AutoCloseable {

	private final Process process;

	private final BufferedReader output;

	private final List<String> lines = new ArrayList<>();

	private MigrationInProcess(Process process) {
		this.process = process;
		this.output = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
	}

	/**
	 * Start the JVM.
	 * @param db the database
	 * @param strategy the lock strategy
	 * @param statements one statement per migration
	 * @return the running process
	 * @throws IOException if it cannot start
	 */
	public static MigrationInProcess start(TestDatabase.FreshDatabase db, LockStrategy strategy, String... statements)
			throws IOException {
		return start(db.url(), db.username(), db.password(), strategy, statements);
	}

	/**
	 * Start the JVM.
	 * @param url the database's URL
	 * @param user the user
	 * @param password the password
	 * @param strategy the lock strategy
	 * @param statements the SQL of each migration
	 * @return the running process
	 * @throws IOException if it cannot start
	 */
	public static MigrationInProcess start(String url, String user, String password, LockStrategy strategy,
			String... statements) throws IOException {
		List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"), "-cp",
				System.getProperty("java.class.path"), MigrationInProcess.class.getName(), url, user,
				password.isEmpty() ? "-" : password, strategy.name()));
		command.addAll(List.of(statements));
		return new MigrationInProcess(new ProcessBuilder(command).redirectErrorStream(true).start());
	}

	/**
	 * Wait until it prints a line that starts so.
	 * @param prefix the line's start
	 * @throws IOException if its output ends first
	 */
	public void awaitLine(String prefix) throws IOException {
		String line;
		while ((line = this.output.readLine()) != null) {
			this.lines.add(line);
			if (line.startsWith(prefix)) {
				return;
			}
		}
		throw new IOException("The process ended without printing '" + prefix + "':\n" + String.join("\n", this.lines));
	}

	/**
	 * Kill it with SIGKILL and wait for it to be gone.
	 * @throws InterruptedException if interrupted
	 */
	public void kill() throws InterruptedException {
		this.process.destroyForcibly();
		if (!this.process.waitFor(30, TimeUnit.SECONDS)) {
			throw new IllegalStateException("The killed process is still there");
		}
	}

	@Override
	public void close() {
		this.process.destroyForcibly();
	}

	public static void main(String[] args) {
		HikariDataSource dataSource = new HikariDataSource();
		dataSource.setJdbcUrl(args[0]);
		dataSource.setUsername(args[1]);
		dataSource.setPassword("-".equals(args[2]) ? "" : args[2]);
		dataSource.setMaximumPoolSize(3);
		if (args[0].startsWith("jdbc:postgresql:")) {
			dataSource.addDataSourceProperty("ApplicationName", "killed-instance");
		}
		List<SqlMigration> migrations = new ArrayList<>();
		for (int i = 4; i < args.length; i++) {
			int sequence = i - 3;
			String[] statements = args[i].split(";;");
			migrations.add(new SqlMigration(sequence, "step_" + sequence, (jdbc) -> {
				System.out.println("RUNNING " + sequence);
				System.out.flush();
				for (String statement : statements) {
					if (statement.equals("PAUSE")) {
						System.out.println("PAUSED " + sequence);
						System.out.flush();
						sleep();
					}
					else {
						jdbc.execute(statement);
					}
				}
			}, (jdbc) -> {
			}));
		}
		SmallsMigrator.builder(dataSource)
			.migrations(migrations)
			.lockStrategy(LockStrategy.valueOf(args[3]))
			.lockTimeout(Duration.ofSeconds(30))
			.build()
			.migrate();
		System.out.println("MIGRATED");
		System.out.flush();
		sleep();
	}

	private static void sleep() {
		try {
			Thread.sleep(Duration.ofMinutes(5).toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
