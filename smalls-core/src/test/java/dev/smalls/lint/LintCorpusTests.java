package dev.smalls.lint;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The corpus: statements written after the bad and good examples strong_migrations, squawk
 * and the MySQL/MariaDB online DDL tables document. Every bad one is flagged by exactly the
 * rule it is about; no good one is flagged.
 */
class LintCorpusTests {

	private static final Map<String, Long> BIG_TABLES = Map.of("users", 2_000_000L, "orgs", 50_000L, "orders",
			3_000_000L, "sessions", 900_000L, "posts", 400_000L, "places", 80_000L, "events", 5_000_000L,
			"bookings", 120_000L, "user_stats", 200_000L, "idx_users_email", 2_000_000L);

	private static final Set<String> MAPPED = Set.of("users", "users.email", "users.name", "users.id");

	static Stream<Case> bad() {
		return Stream.of(
				pg("pg-index-not-concurrent", "CREATE INDEX idx_users_email ON users (email)"),
				pg("pg-index-not-concurrent", "create unique index \"users_email\" on public.users using btree (lower(email))"),
				pg("pg-drop-index-not-concurrent", "DROP INDEX idx_users_email"),
				pg("pg-concurrently-in-transaction", "CREATE INDEX CONCURRENTLY idx_users_email ON users (email)"),
				pg("pg-foreign-key-validated",
						"ALTER TABLE users ADD CONSTRAINT fk_users_org FOREIGN KEY (org_id) REFERENCES orgs (id)"),
				pg("pg-foreign-key-validated", "ALTER TABLE users ADD COLUMN org_id bigint REFERENCES orgs (id)"),
				pg("pg-check-validated", "ALTER TABLE users ADD CONSTRAINT age_positive CHECK (age > 0)"),
				pg("pg-set-not-null", "ALTER TABLE users ALTER COLUMN email SET NOT NULL"),
				pg("pg-column-type-rewrite", "ALTER TABLE users ALTER COLUMN age TYPE bigint"),
				pg("pg-column-type-rewrite", "ALTER TABLE users ALTER COLUMN name TYPE varchar(50)"),
				pg("pg-volatile-default", "ALTER TABLE users ADD COLUMN token uuid DEFAULT gen_random_uuid()"),
				pg(10, true, "pg-default-rewrite-before-11",
						"ALTER TABLE users ADD COLUMN active boolean DEFAULT true"),
				pg("pg-serial-column", "ALTER TABLE users ADD COLUMN seq bigserial"),
				pg("pg-serial-column", "ALTER TABLE users ADD COLUMN seq2 bigint GENERATED ALWAYS AS IDENTITY"),
				pg("pg-stored-generated-column",
						"ALTER TABLE users ADD COLUMN full_name text GENERATED ALWAYS AS (first || ' ' || last) STORED"),
				pg("pg-unique-constraint", "ALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE (email)"),
				pg("pg-primary-key-constraint", "ALTER TABLE users ADD PRIMARY KEY (id)"),
				pg("pg-exclusion-constraint",
						"ALTER TABLE bookings ADD CONSTRAINT no_overlap EXCLUDE USING gist (room WITH =, during WITH &&)"),
				pg("pg-lock-table", "LOCK TABLE users IN ACCESS EXCLUSIVE MODE"),
				pg("pg-vacuum-full", "VACUUM FULL users"),
				pg("pg-cluster", "CLUSTER users USING users_pkey"),
				pg("pg-reindex-not-concurrent", "REINDEX TABLE users"),
				pg("pg-refresh-not-concurrent", "REFRESH MATERIALIZED VIEW user_stats"),
				pg(11, true, "pg-enum-value-in-transaction", "ALTER TYPE mood ADD VALUE 'ecstatic'"),
				pg(16, true, "pg-enum-value-in-transaction", "ALTER TYPE mood ADD VALUE 'ecstatic'",
						"UPDATE users SET mood = 'ecstatic' WHERE id = 1"),
				pg("pg-required-column", "ALTER TABLE users ADD COLUMN score integer NOT NULL"),
				pg("whole-table-write", "UPDATE users SET active = true"),
				pg("whole-table-write", "DELETE FROM sessions"),
				my("mysql-column-type-change", "ALTER TABLE users MODIFY COLUMN age BIGINT"),
				my("mysql-column-type-change", "ALTER TABLE `users` CHANGE `title` `headline` VARCHAR(200)"),
				my("mysql-foreign-key-copy",
						"ALTER TABLE orders ADD CONSTRAINT fk_user FOREIGN KEY (user_id) REFERENCES users (id)"),
				my("mysql-fulltext-index", "CREATE FULLTEXT INDEX ft_body ON posts (body)"),
				my("mysql-spatial-index", "ALTER TABLE places ADD SPATIAL INDEX sp_location (location)"),
				my("mysql-drop-primary-key", "ALTER TABLE users DROP PRIMARY KEY"),
				my("mysql-convert-charset", "ALTER TABLE users CONVERT TO CHARACTER SET utf8mb4"),
				my("mysql-auto-increment-column", "ALTER TABLE users ADD COLUMN seq INT AUTO_INCREMENT UNIQUE"),
				my("mysql-stored-generated-column",
						"ALTER TABLE users ADD COLUMN full_name VARCHAR(200) AS (CONCAT(first, ' ', last)) STORED"),
				my("mysql-explicit-copy", "ALTER TABLE users ADD COLUMN nickname VARCHAR(50), ALGORITHM=COPY"),
				my("mysql-lock-tables", "LOCK TABLES users WRITE"),
				my("mysql-optimize-table", "OPTIMIZE TABLE users"),
				my("mysql-partition-by", "ALTER TABLE events PARTITION BY HASH(id) PARTITIONS 4"),
				my("whole-table-write", "UPDATE users SET active = 1"),
				pg("mapped-column-dropped", "ALTER TABLE users DROP COLUMN email"),
				my("mapped-column-renamed", "ALTER TABLE users RENAME COLUMN email TO email_address"),
				new Case("H2", 2, true, "mapped-column-renamed",
						List.of("ALTER TABLE users ALTER COLUMN name RENAME TO full_name")),
				pg("mapped-table-dropped", "DROP TABLE IF EXISTS users"),
				my("mapped-table-renamed", "RENAME TABLE users TO accounts"));
	}

	static Stream<Case> good() {
		return Stream.of(
				pgOutside("CREATE INDEX CONCURRENTLY idx_users_email ON users (email)"),
				pgOutside("DROP INDEX CONCURRENTLY idx_users_email"),
				pgOutside("ALTER TABLE users ADD CONSTRAINT fk_users_org FOREIGN KEY (org_id) REFERENCES orgs (id) NOT VALID",
						"ALTER TABLE users VALIDATE CONSTRAINT fk_users_org"),
				pg(null, "ALTER TABLE users ADD CONSTRAINT age_positive CHECK (age > 0) NOT VALID"),
				pgOutside("ALTER TABLE users ADD CONSTRAINT users_email_nn CHECK (email IS NOT NULL) NOT VALID",
						"ALTER TABLE users VALIDATE CONSTRAINT users_email_nn",
						"ALTER TABLE users ALTER COLUMN email SET NOT NULL",
						"ALTER TABLE users DROP CONSTRAINT users_email_nn"),
				pg(null, "ALTER TABLE users ALTER COLUMN name TYPE text"),
				pg(null, "ALTER TABLE users ADD COLUMN active boolean DEFAULT true"),
				pg(null, "ALTER TABLE users ADD COLUMN created_at timestamptz DEFAULT now()"),
				pgOutside("CREATE UNIQUE INDEX CONCURRENTLY users_email_idx ON users (email)",
						"ALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE USING INDEX users_email_idx"),
				pg(null, "CREATE TABLE widgets (id bigint PRIMARY KEY, name text NOT NULL, org_id bigint)",
						"CREATE INDEX widgets_name ON widgets (name)",
						"ALTER TABLE widgets ADD CONSTRAINT fk_widgets_org FOREIGN KEY (org_id) REFERENCES orgs (id)",
						"ALTER TABLE widgets ALTER COLUMN name SET NOT NULL"),
				pg(null, "VACUUM users"),
				pgOutside("REINDEX TABLE CONCURRENTLY users"),
				pgOutside("REFRESH MATERIALIZED VIEW CONCURRENTLY user_stats"),
				pg(16, true, null, "ALTER TYPE mood ADD VALUE 'ecstatic'"),
				pg(null, "ALTER TABLE users ADD COLUMN score integer NOT NULL DEFAULT 0"),
				pg(null, "UPDATE users SET active = true WHERE id BETWEEN 1 AND 10000"),
				pg(null, "ALTER TABLE users ADD COLUMN nickname text"),
				pg(null, "ALTER TABLE users ALTER COLUMN email DROP NOT NULL"),
				pg(null, "ALTER TABLE users RENAME COLUMN legacy_code TO code"),
				pg(null, "ALTER TABLE users DROP COLUMN legacy_code"),
				pg(null, "ALTER TABLE users ALTER COLUMN email SET DEFAULT 'none'"),
				pg(null, "-- nothing but a comment"),
				my(null, "CREATE INDEX idx_email ON users (email)"),
				my(null, "ALTER TABLE users ADD COLUMN nickname VARCHAR(100)"),
				my(null, "ALTER TABLE users MODIFY COLUMN name VARCHAR(300), ALGORITHM=INPLACE, LOCK=NONE"),
				my(null, "SET foreign_key_checks = 0",
						"ALTER TABLE orders ADD CONSTRAINT fk_user FOREIGN KEY (user_id) REFERENCES users (id)",
						"SET foreign_key_checks = 1"),
				my(null, "ALTER TABLE users DROP PRIMARY KEY, ADD PRIMARY KEY (id, tenant_id)"),
				my(null, "ALTER TABLE users ADD COLUMN full_name VARCHAR(200) AS (CONCAT(first, ' ', last)) VIRTUAL"),
				my(null, "ALTER TABLE users RENAME INDEX idx_a TO idx_b"),
				my(null, "ALTER TABLE users ALTER COLUMN status SET DEFAULT 'new'"),
				my(null, "ALTER TABLE users ADD COLUMN flags INT, ALGORITHM=INSTANT"),
				new Case("H2", 2, true, null, List.of("CREATE INDEX idx_users_email ON users (email)")));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("bad")
	void everyBadExampleIsFlaggedByItsRule(Case example) {
		List<LintFinding> findings = lint(example);
		assertThat(findings).extracting(LintFinding::rule).containsOnly(example.rule());
		assertThat(findings).allSatisfy((finding) -> assertThat(finding.isProblem()).isTrue());
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("good")
	void noGoodExampleIsFlagged(Case example) {
		assertThat(lint(example)).isEmpty();
	}

	@Test
	void theCorpusCoversEveryRuleAndHasAtLeastFortyCases() {
		List<Case> all = new ArrayList<>(bad().toList());
		all.addAll(good().toList());
		assertThat(all).hasSizeGreaterThanOrEqualTo(40);
		Set<String> flagged = new TreeSet<>(bad().map(Case::rule).toList());
		assertThat(flagged).containsExactlyInAnyOrderElementsOf(LintRules.all().stream().map(LintRule::id).toList());
	}

	private static List<LintFinding> lint(Case example) {
		Linter linter = new Linter(example.database(), example.version(), BIG_TABLES, MAPPED,
				Linter.DEFAULT_LARGE_TABLE_ROWS);
		List<Linter.Statement> statements = example.statements().stream().map(Linter.Statement::of).toList();
		return linter.lint(new Linter.Migration(7, "example", example.transactional(), statements, Map.of()));
	}

	private static Case pg(String rule, String... statements) {
		return pg(16, true, rule, statements);
	}

	private static Case pg(int version, boolean transactional, String rule, String... statements) {
		return new Case("PostgreSQL", version, transactional, rule, Arrays.asList(statements));
	}

	private static Case pgOutside(String... statements) {
		return new Case("PostgreSQL", 16, false, null, Arrays.asList(statements));
	}

	private static Case my(String rule, String... statements) {
		return new Case("MariaDB", 11, true, rule, Arrays.asList(statements));
	}

	record Case(String database, int version, boolean transactional, String rule, List<String> statements) {

		@Override
		public String toString() {
			return this.database + " " + this.version + ((this.rule != null) ? " [" + this.rule + "] " : " ")
					+ String.join("; ", this.statements);
		}

	}

}
