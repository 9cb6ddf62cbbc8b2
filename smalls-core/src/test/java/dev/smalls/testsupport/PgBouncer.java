package dev.smalls.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * PgBouncer in transaction pooling mode in front of the embedded PostgreSQL server, as most
 * large PostgreSQL deployments are reached: every transaction may run on a different server
 * connection, and a server connection outlives the client that used it.
 * <p>
 * It runs the {@code pgbouncer} installed on the machine (Debian package {@code pgbouncer};
 * {@code .ci/run} installs it), started once per JVM with its files under the module's
 * {@code target/} directory, and stopped when the JVM exits. PgBouncer refuses to run as
 * root: as root it is started with {@code -u nobody}, its files owned by {@code nobody}.
 */
public final class PgBouncer {

	/** What to install, for the message of a skipped test. */
	public static final String INSTALL = "Debian/Ubuntu: apt-get install -y pgbouncer (.ci/run does)";

	private static final List<String> PLACES = List.of("/usr/sbin/pgbouncer", "/usr/bin/pgbouncer",
			"/usr/local/bin/pgbouncer", "/usr/local/sbin/pgbouncer");

	private static final Map<Integer, PgBouncer> RUNNING = new HashMap<>();

	private final int port;

	private final Path directory;

	private PgBouncer(int port, Path directory) {
		this.port = port;
		this.directory = directory;
	}

	/**
	 * Whether PgBouncer is installed; says what to install if not.
	 * @return whether it is
	 */
	public static boolean isInstalled() {
		return InstalledSoftware.check("PgBouncer", executable() != null, INSTALL);
	}

	/**
	 * The installed {@code pgbouncer}, if any: the system property
	 * {@code smalls.tests.pgbouncer} names it, or it is found where packages put it or on the
	 * {@code PATH}.
	 * @return its path, or {@code null}
	 */
	public static Path executable() {
		String given = System.getProperty("smalls.tests.pgbouncer");
		if (given != null) {
			return Files.isExecutable(Path.of(given)) ? Path.of(given) : null;
		}
		for (String place : PLACES) {
			Path path = Path.of(place);
			if (Files.isExecutable(path)) {
				return path;
			}
		}
		String pathVariable = System.getenv("PATH");
		if (pathVariable != null) {
			for (String dir : pathVariable.split(":")) {
				Path path = Path.of(dir, "pgbouncer");
				if (!dir.isEmpty() && Files.isExecutable(path)) {
					return path;
				}
			}
		}
		return null;
	}

	/**
	 * PgBouncer in front of the server of a PostgreSQL test database, started on first use,
	 * with 40 server connections per database.
	 * @param database any database of the embedded server
	 * @return the running PgBouncer
	 */
	public static PgBouncer inFrontOf(TestDatabase.FreshDatabase database) {
		return inFrontOf(database, 40);
	}

	/**
	 * PgBouncer in front of the server of a PostgreSQL test database, started on first use.
	 * @param database any database of the embedded server
	 * @param poolSize how many server connections it opens per database at most
	 * @return the running PgBouncer
	 */
	public static synchronized PgBouncer inFrontOf(TestDatabase.FreshDatabase database, int poolSize) {
		return RUNNING.computeIfAbsent(poolSize, (size) -> {
			URI server = URI.create(database.url().substring("jdbc:".length()));
			return start(server.getPort(), size);
		});
	}

	/**
	 * A JDBC URL through PgBouncer. {@code prepareThreshold=0} keeps the driver from naming
	 * server-side prepared statements, which a transaction pooler cannot keep apart.
	 * @param database the database's name
	 * @return the URL
	 */
	public String url(String database) {
		return "jdbc:postgresql://127.0.0.1:" + this.port + "/" + database + "?prepareThreshold=0";
	}

	/**
	 * The same database through PgBouncer.
	 * @param database a database of the embedded server
	 * @return the URL through PgBouncer
	 */
	public String url(TestDatabase.FreshDatabase database) {
		String path = URI.create(database.url().substring("jdbc:".length())).getPath();
		return url(path.substring(1));
	}

	/**
	 * PgBouncer's log, for failure messages.
	 * @return the last lines of its log
	 */
	public String log() {
		try {
			List<String> lines = Files.readAllLines(this.directory.resolve("pgbouncer.log"));
			return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
		}
		catch (IOException ex) {
			return "(no log: " + ex.getMessage() + ")";
		}
	}

	private static PgBouncer start(int postgresPort, int poolSize) {
		Path executable = executable();
		if (executable == null) {
			throw new IllegalStateException("PgBouncer is not installed (" + INSTALL + ")");
		}
		try {
			Path directory = Path.of(System.getProperty("basedir", "."), "target", "pgbouncer",
					"run-" + UUID.randomUUID().toString().substring(0, 8))
				.toAbsolutePath();
			Files.createDirectories(directory);
			int port = freePort();
			Files.writeString(directory.resolve("userlist.txt"), "\"postgres\" \"\"\n");
			Files.writeString(directory.resolve("pgbouncer.ini"), String.join("\n", "[databases]",
					"* = host=127.0.0.1 port=" + postgresPort, "", "[pgbouncer]", "listen_addr = 127.0.0.1",
					"listen_port = " + port, "unix_socket_dir =", "auth_type = trust",
					"auth_file = " + directory.resolve("userlist.txt"), "pool_mode = transaction",
					// Hand each transaction the least recently used server connection: a lock that
					// only holds on one server connection shows it at once.
					"server_round_robin = 1", "max_client_conn = 500", "default_pool_size = " + poolSize,
					"ignore_startup_parameters = extra_float_digits,options",
					"logfile = " + directory.resolve("pgbouncer.log"), "pidfile = " + directory.resolve("pgbouncer.pid"),
					""));
			boolean root = "root".equals(System.getProperty("user.name"));
			if (root) {
				// PgBouncer refuses to run as root; nobody must be able to read its files and write
				// its log and pid file.
				UserPrincipal nobody = directory.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody");
				for (Path path : List.of(directory, directory.resolve("userlist.txt"), directory.resolve("pgbouncer.ini"))) {
					Files.setOwner(path, nobody);
				}
			}
			List<String> command = root
					? List.of(executable.toString(), "-d", "-u", "nobody", directory.resolve("pgbouncer.ini").toString())
					: List.of(executable.toString(), "-d", directory.resolve("pgbouncer.ini").toString());
			Process daemonizing = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(directory.resolve("start.out").toFile())
				.start();
			if (!daemonizing.waitFor(30, TimeUnit.SECONDS) || daemonizing.exitValue() != 0) {
				throw new IllegalStateException("PgBouncer did not start: " + Files.readString(directory.resolve("start.out")));
			}
			PgBouncer bouncer = new PgBouncer(port, directory);
			Runtime.getRuntime().addShutdownHook(new Thread(bouncer::stop, "pgbouncer-shutdown"));
			bouncer.awaitListening(Duration.ofSeconds(30));
			return bouncer;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not start PgBouncer", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while starting PgBouncer", ex);
		}
	}

	private void awaitListening(Duration timeout) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (true) {
			try (Socket socket = new Socket()) {
				socket.connect(new InetSocketAddress("127.0.0.1", this.port), 500);
				return;
			}
			catch (IOException ex) {
				if (System.nanoTime() > deadline) {
					throw new IllegalStateException("PgBouncer is not listening on port " + this.port + ":\n" + log());
				}
				Thread.sleep(50);
			}
		}
	}

	private void stop() {
		try {
			long pid = Long.parseLong(Files.readString(this.directory.resolve("pgbouncer.pid")).strip());
			ProcessHandle.of(pid).ifPresent((process) -> {
				process.destroy();
				process.onExit().orTimeout(10, TimeUnit.SECONDS).exceptionally((ex) -> {
					process.destroyForcibly();
					return null;
				}).join();
			});
		}
		catch (IOException | RuntimeException ex) {
			// the JVM is going away
		}
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

}
