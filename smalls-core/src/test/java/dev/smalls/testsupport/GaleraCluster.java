package dev.smalls.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

/**
 * A three-node MariaDB Galera cluster on loopback, from the MariaDB server and Galera
 * library installed on the machine (Debian packages {@code mariadb-server}, {@code galera-4}
 * and {@code rsync}; {@code .ci/run} installs them): started once per JVM with its files under
 * the module's {@code target/} directory, stopped when the JVM exits. Every node listens on
 * ports of its own for SQL, group communication, incremental and full state transfer; the
 * first node bootstraps the cluster and the others join it by a full state transfer (rsync).
 */
public final class GaleraCluster {

	/** What to install, for the message of a skipped test. */
	public static final String INSTALL = "Debian/Ubuntu: apt-get install -y mariadb-server galera-4 rsync (.ci/run does)";

	private static final List<String> SERVERS = List.of("/usr/sbin/mariadbd", "/usr/sbin/mysqld");

	private static final List<String> PROVIDERS = List.of("/usr/lib/galera/libgalera_smm.so", "/usr/lib/libgalera_smm.so",
			"/usr/lib64/galera-4/libgalera_smm.so", "/usr/lib/galera-4/libgalera_smm.so");

	private static final AtomicInteger COUNTER = new AtomicInteger();

	private static GaleraCluster running;

	private final Path directory;

	private final List<Node> nodes = new ArrayList<>();

	private GaleraCluster(Path directory) {
		this.directory = directory;
	}

	/**
	 * Whether a Galera cluster can be started here; says what to install if not.
	 * @return whether the server, the Galera library, the install script and rsync are there
	 */
	public static boolean isInstalled() {
		boolean installed = find(SERVERS) != null && find(PROVIDERS) != null
				&& Files.isExecutable(Path.of("/usr/bin/mariadb-install-db")) && Files.isExecutable(Path.of("/usr/bin/rsync"))
				&& Files.isExecutable(Path.of("/usr/bin/wsrep_sst_rsync"));
		return InstalledSoftware.check("A MariaDB Galera cluster (mariadb-server, galera-4, rsync)", installed, INSTALL);
	}

	/**
	 * The cluster, started on first use (about 15 seconds).
	 * @return the running cluster
	 */
	public static synchronized GaleraCluster get() {
		if (running == null) {
			Path directory = Path.of(System.getProperty("basedir", "."), "target", "galera",
					"run-" + UUID.randomUUID().toString().substring(0, 8))
				.toAbsolutePath();
			GaleraCluster cluster = new GaleraCluster(directory);
			Runtime.getRuntime().addShutdownHook(new Thread(cluster::stop, "galera-shutdown"));
			cluster.start();
			running = cluster;
		}
		return running;
	}

	/**
	 * A new, empty database, created through the first node and replicated to the others.
	 * @return its name
	 */
	public String createDatabase() {
		String name = "g_" + COUNTER.incrementAndGet();
		try (Connection connection = connect(0, ""); Statement statement = connection.createStatement()) {
			statement.execute("CREATE DATABASE " + name);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Could not create database " + name, ex);
		}
		for (int node = 0; node < this.nodes.size(); node++) {
			int n = node;
			// Replicated before the statement returns, but applied on each node a moment later.
			awaitTrue(() -> query(n, name, "SELECT 1").equals("1"), "database " + name + " on node " + (n + 1));
		}
		return name;
	}

	/**
	 * A JDBC URL to a database through one node.
	 * @param node the node, 0 to 2
	 * @param database the database
	 * @return the URL
	 */
	public String url(int node, String database) {
		return "jdbc:mariadb://127.0.0.1:" + this.nodes.get(node).sqlPort + "/" + database;
	}

	public String username() {
		return "root";
	}

	public String password() {
		return "";
	}

	/**
	 * Run a query on one node and return the first column of its first row.
	 * @param node the node
	 * @param database the database, or empty
	 * @param sql the query
	 * @return the value, or {@code null} without a row
	 */
	public String query(int node, String database, String sql) {
		try (Connection connection = connect(node, database); Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery(sql)) {
			return result.next() ? result.getString(1) : null;
		}
		catch (SQLException ex) {
			return "error: " + ex.getMessage();
		}
	}

	private Connection connect(int node, String database) throws SQLException {
		return DriverManager.getConnection(url(node, database), username(), password());
	}

	private void start() {
		try {
			Files.createDirectories(this.directory);
			String cluster = "gcomm://";
			for (int i = 0; i < 3; i++) {
				this.nodes.add(new Node(i + 1, this.directory.resolve("node" + (i + 1)), freePort(), freePort(), freePort(),
						freePort()));
			}
			cluster += String.join(",", this.nodes.stream().map((node) -> "127.0.0.1:" + node.groupPort).toList());
			boolean root = "root".equals(System.getProperty("user.name"));
			for (Node node : this.nodes) {
				node.configure(cluster, find(PROVIDERS), root);
			}
			Node first = this.nodes.get(0);
			run(List.of("/usr/bin/mariadb-install-db", "--defaults-file=" + first.configuration(),
					"--auth-root-authentication-method=normal", "--skip-test-db"), first.directory.resolve("install.log"));
			first.start(find(SERVERS), true);
			awaitTrue(() -> "ON".equals(status(0, "wsrep_ready")), "the first node to bootstrap the cluster");
			for (Node joiner : this.nodes.subList(1, this.nodes.size())) {
				if (root) {
					// The joiner's rsync daemon, started as root, writes as nobody.
					UserPrincipal nobody = joiner.directory.getFileSystem()
						.getUserPrincipalLookupService()
						.lookupPrincipalByName("nobody");
					Files.setOwner(joiner.directory.resolve("data"), nobody);
				}
				joiner.start(find(SERVERS), false);
			}
			for (int node = 0; node < this.nodes.size(); node++) {
				int n = node;
				awaitTrue(() -> "Synced".equals(status(n, "wsrep_local_state_comment"))
						&& "3".equals(status(n, "wsrep_cluster_size")), "node " + (n + 1) + " to join the cluster");
			}
		}
		catch (IOException ex) {
			stop();
			throw new UncheckedIOException("Could not start the Galera cluster", ex);
		}
		catch (RuntimeException ex) {
			String logs = this.nodes.stream().map(Node::lastLog).reduce("", String::concat);
			stop();
			throw new IllegalStateException(ex.getMessage() + "\n" + logs, ex);
		}
	}

	private String status(int node, String variable) {
		try (Connection connection = connect(node, ""); Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery("SHOW STATUS LIKE '" + variable + "'")) {
			return result.next() ? result.getString(2) : null;
		}
		catch (SQLException ex) {
			return null;
		}
	}

	private void stop() {
		for (Node node : this.nodes) {
			node.stop();
		}
		try (Stream<Path> paths = Files.walk(this.directory)) {
			paths.sorted(Comparator.reverseOrder()).forEach((path) -> path.toFile().delete());
		}
		catch (IOException | UncheckedIOException ex) {
			// the JVM is going away
		}
	}

	private static void run(List<String> command, Path log) throws IOException {
		Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
		try {
			if (!process.waitFor(2, TimeUnit.MINUTES) || process.exitValue() != 0) {
				throw new IllegalStateException(command.get(0) + " failed: " + Files.readString(log));
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	static void awaitTrue(BooleanSupplier condition, String what) {
		long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
		while (!condition.getAsBoolean()) {
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException("Waited 90 seconds in vain for " + what);
			}
			try {
				Thread.sleep(100);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
		}
	}

	private static String find(List<String> places) {
		return places.stream().filter((place) -> Files.exists(Path.of(place))).findFirst().orElse(null);
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

	private static final class Node {

		private final int number;

		private final Path directory;

		private final int sqlPort;

		private final int groupPort;

		private final int istPort;

		private final int sstPort;

		private Process process;

		Node(int number, Path directory, int sqlPort, int groupPort, int istPort, int sstPort) {
			this.number = number;
			this.directory = directory;
			this.sqlPort = sqlPort;
			this.groupPort = groupPort;
			this.istPort = istPort;
			this.sstPort = sstPort;
		}

		Path configuration() {
			return this.directory.resolve("my.cnf");
		}

		void configure(String cluster, String provider, boolean root) throws IOException {
			Files.createDirectories(this.directory.resolve("data"));
			Files.createDirectories(this.directory.resolve("tmp"));
			List<String> lines = new ArrayList<>(List.of("[mariadbd]", "datadir=" + this.directory.resolve("data"),
					"tmpdir=" + this.directory.resolve("tmp"), "socket=" + this.directory.resolve("mysql.sock"),
					"pid-file=" + this.directory.resolve("mysqld.pid"), "log-error=" + this.directory.resolve("error.log"),
					"port=" + this.sqlPort, "bind-address=127.0.0.1", "skip-ssl",
					"max-connections=300", "binlog_format=ROW", "default_storage_engine=InnoDB",
					"innodb_autoinc_lock_mode=2", "innodb_flush_log_at_trx_commit=0", "innodb_buffer_pool_size=64M",
					"wsrep_on=ON", "wsrep_provider=" + provider, "wsrep_cluster_name=smalls_test",
					"wsrep_cluster_address=" + cluster, "wsrep_node_name=node" + this.number,
					"wsrep_node_address=127.0.0.1:" + this.groupPort,
					"wsrep_sst_receive_address=127.0.0.1:" + this.sstPort, "wsrep_sst_method=rsync",
					"wsrep_provider_options=\"gmcast.listen_addr=tcp://127.0.0.1:" + this.groupPort + ";ist.recv_addr=127.0.0.1:"
							+ this.istPort + ";gcache.size=32M\""));
			if (root) {
				lines.add(1, "user=root");
			}
			Files.write(configuration(), lines);
		}

		void start(String server, boolean bootstrap) throws IOException {
			List<String> command = new ArrayList<>(List.of(server, "--defaults-file=" + configuration()));
			if (bootstrap) {
				command.add("--wsrep-new-cluster");
			}
			this.process = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(this.directory.resolve("stdout.log").toFile())
				.start();
		}

		void stop() {
			if (this.process != null && this.process.isAlive()) {
				this.process.destroy();
				try {
					if (!this.process.waitFor(30, TimeUnit.SECONDS)) {
						this.process.destroyForcibly();
					}
				}
				catch (InterruptedException ex) {
					this.process.destroyForcibly();
				}
			}
		}

		String lastLog() {
			try {
				List<String> lines = Files.readAllLines(this.directory.resolve("error.log"));
				return "node" + this.number + ":\n"
						+ String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size())) + "\n";
			}
			catch (IOException ex) {
				return "node" + this.number + ": no log\n";
			}
		}

	}

}
