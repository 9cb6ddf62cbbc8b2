package dev.smalls.internal;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.smalls.SmallsMigration;
import dev.smalls.SmallsValidationException;
import dev.smalls.internal.FlywayHistoryReader.FlywayRow;

import static dev.smalls.SqlMigration.table;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.groups.Tuple.tuple;

/**
 * What Flyway's history means, row by row, for the histories community Flyway cannot write
 * here (undo and deletion rows come from its paid edition and from repairs): no database.
 * The real histories are read in {@code dev.smalls.adopt.FlywayAdoptionTests}.
 */
class FlywayHistoryTests {

	private static final MigrationCatalog NO_CODE = new MigrationCatalog(List.<SmallsMigration>of());

	@Test
	void anUndoneVersionIsNotRecordedAndSaysSo() {
		Adoption.Plan plan = plan(sql(1, "1", "create users"), sql(2, "2", "add email"),
				row(3, "2", "add email", "UNDO_SQL", "U2__add_email.sql", true));
		assertThat(plan.entries()).extracting(Adoption.Entry::sequence).containsExactly(1);
		assertThat(plan.notes()).singleElement().asString().contains("undone or deleted", "V2 add email");
	}

	@Test
	void aVersionDeletedByFlywaysRepairIsNotRecordedAndNoLongerCountsAsFailed() {
		Adoption.Plan plan = plan(sql(1, "1", "create users"), row(2, "2", "broken", "SQL", "V2__broken.sql", false),
				row(3, "2", "broken", "DELETE", "V2__broken.sql", true));
		assertThat(plan.entries()).extracting(Adoption.Entry::sequence).containsExactly(1);
	}

	@Test
	void aVersionRunAgainAfterItsUndoIsRecordedOnce() {
		Adoption.Plan plan = plan(sql(1, "1", "a"), row(2, "1", "a", "UNDO_SQL", "U1__a.sql", true), sql(3, "1", "a"));
		assertThat(plan.entries()).extracting(Adoption.Entry::sequence, Adoption.Entry::name)
			.containsExactly(tuple(1, "a"));
	}

	@Test
	void aFailedUndoLeavesTheVersionFailed() {
		assertThatExceptionOfType(SmallsValidationException.class)
			.isThrownBy(() -> plan(sql(1, "1", "a"), row(2, "1", "a", "UNDO_SQL", "U1__a.sql", false)))
			.withMessageContaining("failed migration: V1 a (UNDO_SQL, U1__a.sql)");
	}

	@Test
	void leadingZerosAreDroppedAndDescriptionsBecomeSnakeCaseNames() {
		Adoption.Plan plan = plan(sql(1, "001", "Create Users Table"), sql(2, "0002", "add-email (v2)"));
		assertThat(plan.entries()).extracting(Adoption.Entry::sequence, Adoption.Entry::name)
			.containsExactly(tuple(1, "create_users_table"), tuple(2, "add_email_v2"));
	}

	@Test
	void theCodeBelowAFlywayBaselineIsRecordedWithIt() {
		MigrationCatalog code = new MigrationCatalog(List.<SmallsMigration>of(table(1), table(3), table(7)));
		Adoption.Plan plan = new FlywayHistory(List.of(row(1, "5", "<< Flyway Baseline >>", "BASELINE",
				"<< Flyway Baseline >>", true), sql(2, "6", "next")), Map.of())
			.plan("flyway", code);
		assertThat(plan.entries()).extracting(Adoption.Entry::sequence, Adoption.Entry::origin)
			.containsExactly(tuple(5, "baseline flyway V5 << Flyway Baseline >>"),
					tuple(6, "flyway SQL V6__next.sql checksum=6"),
					tuple(1, "baseline flyway V5 << Flyway Baseline >>"),
					tuple(3, "baseline flyway V5 << Flyway Baseline >>"));
	}

	@Test
	void anOriginKeepsFlywaysChecksumForALaterComparison() {
		String origin = Origins.flyway("SQL", "V3__add_email.sql", -1234567);
		assertThat(Origins.flywayChecksum(origin)).isEqualTo(-1234567);
		assertThat(Origins.flywayChecksum(Origins.flyway("JDBC", "db.V4__Seed", null))).isNull();
		assertThat(Origins.flyway("SQL", "x".repeat(600), 1)).hasSize(500).endsWith("... checksum=1");
	}

	private static Adoption.Plan plan(FlywayRow... rows) {
		return new FlywayHistory(List.of(rows), Map.of()).plan("flyway", NO_CODE);
	}

	private static FlywayRow sql(int rank, String version, String description) {
		return row(rank, version, description, "SQL", "V" + version + "__" + description.replace(' ', '_') + ".sql",
				true);
	}

	private static FlywayRow row(int rank, String version, String description, String type, String script,
			boolean success) {
		return new FlywayRow(rank, version, description, type, script, (script.startsWith("<<")) ? null : rank * 3,
				success);
	}

}
