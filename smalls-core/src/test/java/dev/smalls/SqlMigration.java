package dev.smalls;

import java.util.function.Consumer;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A migration for tests, made of two pieces of code.
 */
public final class SqlMigration implements SmallsMigration {

	private final int sequence;

	private final String name;

	private final Consumer<JdbcTemplate> migrate;

	private final Consumer<JdbcTemplate> rollback;

	private final boolean transactional;

	public SqlMigration(int sequence, String name, Consumer<JdbcTemplate> migrate, Consumer<JdbcTemplate> rollback) {
		this(sequence, name, migrate, rollback, true);
	}

	private SqlMigration(int sequence, String name, Consumer<JdbcTemplate> migrate, Consumer<JdbcTemplate> rollback,
			boolean transactional) {
		this.sequence = sequence;
		this.name = name;
		this.migrate = migrate;
		this.rollback = rollback;
		this.transactional = transactional;
	}

	/**
	 * The same migration, run outside a transaction.
	 * @return a migration whose {@code transactional()} is {@code false}
	 */
	public SqlMigration outsideTransactions() {
		return new SqlMigration(this.sequence, this.name, this.migrate, this.rollback, false);
	}

	@Override
	public boolean transactional() {
		return this.transactional;
	}

	public static SqlMigration sql(int sequence, String name, String migrate, String rollback) {
		return new SqlMigration(sequence, name, (jdbc) -> jdbc.execute(migrate), (jdbc) -> jdbc.execute(rollback));
	}

	/** Creates table {@code t<sequence>} and drops it on rollback. */
	public static SqlMigration table(int sequence) {
		return sql(sequence, "create_t" + sequence, "CREATE TABLE t" + sequence + " (id INT PRIMARY KEY)",
				"DROP TABLE t" + sequence);
	}

	@Override
	public int sequence() {
		return this.sequence;
	}

	@Override
	public String name() {
		return this.name;
	}

	@Override
	public void migrate(JdbcTemplate jdbc) {
		this.migrate.accept(jdbc);
	}

	@Override
	public void rollback(JdbcTemplate jdbc) {
		this.rollback.accept(jdbc);
	}

}
