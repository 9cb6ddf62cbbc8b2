package dev.smalls.testsupport;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

import dev.smalls.dialect.LockStrategy;

/**
 * Separate JVMs ({@link MigratorProcess}) that migrate one database at the same moment, as
 * the instances of a rolling deploy do, for as many rounds as a test likes: the JVMs start
 * once, each round points them at a fresh database.
 */
public final class RacingInstances implements AutoCloseable {

	private final List<Instance> instances = new ArrayList<>();

	private RacingInstances() {
	}

	/**
	 * Start the JVMs.
	 * @param count how many
	 * @return the instances, idle
	 */
	public static RacingInstances start(int count) {
		RacingInstances racing = new RacingInstances();
		String java = ProcessHandle.current().info().command().orElse("java");
		try {
			for (int i = 0; i < count; i++) {
				Process process = new ProcessBuilder(java, "-Xshare:auto", "-XX:TieredStopAtLevel=1", "-cp",
						System.getProperty("java.class.path"), MigratorProcess.class.getName())
					.redirectErrorStream(true)
					.start();
				racing.instances.add(new Instance("instance-" + (i + 1), process));
			}
		}
		catch (IOException ex) {
			racing.close();
			throw new UncheckedIOException(ex);
		}
		return racing;
	}

	/**
	 * Run one round: every instance migrates, all starting together.
	 * @param round where and how
	 * @return each instance's {@code RESULT} line, without the prefix, in instance order
	 */
	public List<String> race(Round round) {
		for (int i = 0; i < this.instances.size(); i++) {
			Instance instance = this.instances.get(i);
			instance.send(String.join(" ", "PREPARE", round.urls().apply(i), round.user(),
					round.password().isEmpty() ? "-" : round.password(), round.strategy().name(),
					Integer.toString(round.migrations()), Long.toString(round.lockTimeout().toMillis()), instance.name,
					round.someNotTransactional() ? "mixed" : "transactional"));
		}
		for (Instance instance : this.instances) {
			instance.await("READY", Duration.ofSeconds(60));
		}
		this.instances.forEach((instance) -> instance.send("GO"));
		List<String> results = new ArrayList<>();
		for (Instance instance : this.instances) {
			results.add(instance.await("RESULT ", round.lockTimeout().plusSeconds(60)).substring("RESULT ".length()));
		}
		return results;
	}

	/**
	 * One round of a race.
	 *
	 * @param urls the JDBC URL of each instance, by its position (a node of a cluster each, or
	 * the same for all)
	 * @param user the user
	 * @param password the password
	 * @param strategy the lock strategy
	 * @param migrations how many {@link RaceMigrations}
	 * @param someNotTransactional whether every fifth migration is not transactional
	 * @param lockTimeout how long each instance waits for the lock
	 */
	public record Round(IntFunction<String> urls, String user, String password, LockStrategy strategy,
			int migrations, boolean someNotTransactional, Duration lockTimeout) {

		/**
		 * Every instance through one URL: 20 migrations, every fifth not transactional, the
		 * default lock, waited for up to 30 seconds.
		 * @param url the URL
		 * @param user the user
		 * @param password the password
		 * @return the round
		 */
		public static Round through(String url, String user, String password) {
			return new Round((instance) -> url, user, password, LockStrategy.AUTO, 20, true, Duration.ofSeconds(30));
		}

		public Round strategy(LockStrategy strategy) {
			return new Round(this.urls, this.user, this.password, strategy, this.migrations, this.someNotTransactional,
					this.lockTimeout);
		}

		public Round lockTimeout(Duration lockTimeout) {
			return new Round(this.urls, this.user, this.password, this.strategy, this.migrations,
					this.someNotTransactional, lockTimeout);
		}

		public Round allTransactional() {
			return new Round(this.urls, this.user, this.password, this.strategy, this.migrations, false,
					this.lockTimeout);
		}

		public Round eachThrough(IntFunction<String> urls) {
			return new Round(urls, this.user, this.password, this.strategy, this.migrations, this.someNotTransactional,
					this.lockTimeout);
		}

	}

	/**
	 * Everything the instances printed besides their answers (their logs), for failure
	 * messages.
	 * @return the lines, each prefixed by its instance
	 */
	public String output() {
		StringBuilder output = new StringBuilder();
		for (Instance instance : this.instances) {
			for (String line : instance.other) {
				output.append(instance.name).append(": ").append(line).append('\n');
			}
		}
		return output.toString();
	}

	@Override
	public void close() {
		for (Instance instance : this.instances) {
			try {
				instance.send("EXIT");
				if (!instance.process.waitFor(10, TimeUnit.SECONDS)) {
					instance.process.destroyForcibly();
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				instance.process.destroyForcibly();
			}
			catch (RuntimeException ex) {
				instance.process.destroyForcibly();
			}
		}
	}

	private static final class Instance {

		private final String name;

		private final Process process;

		private final PrintWriter in;

		private final BufferedReader out;

		private final List<String> other = new ArrayList<>();

		Instance(String name, Process process) {
			this.name = name;
			this.process = process;
			this.in = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
			this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
		}

		void send(String line) {
			this.in.println(line);
			if (this.in.checkError()) {
				throw new IllegalStateException(this.name + " is gone: " + String.join("\n", this.other));
			}
		}

		/** The next line starting with the prefix; a dead or silent process fails the test. */
		String await(String prefix, Duration timeout) {
			long deadline = System.nanoTime() + timeout.toNanos();
			try {
				while (System.nanoTime() < deadline) {
					if (!this.out.ready()) {
						if (!this.process.isAlive() && !this.out.ready()) {
							break;
						}
						Thread.sleep(5);
						continue;
					}
					String line = this.out.readLine();
					if (line == null) {
						break;
					}
					if (line.startsWith(prefix)) {
						return line;
					}
					this.other.add(line);
				}
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			throw new IllegalStateException(this.name + " did not answer " + prefix.strip() + ":\n"
					+ String.join("\n", this.other));
		}

	}

}
