package dev.smalls.internal;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.smalls.MigrationNames;
import dev.smalls.SmallsMigration;
import dev.smalls.SmallsValidationException;
import dev.smalls.SqlMigration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The catalog the engine builds from the migration beans at every start-up.
 */
class MigrationCatalogTests {

	@Test
	void migrationsGivenInAnyOrderAreKeptBySequence() {
		SmallsMigration three = SqlMigration.sql(3, "c", "SELECT 1", "SELECT 1");
		SmallsMigration one = SqlMigration.sql(1, "a", "SELECT 1", "SELECT 1");
		SmallsMigration twenty = SqlMigration.sql(20, "t", "SELECT 1", "SELECT 1");
		MigrationCatalog catalog = new MigrationCatalog(List.of(three, twenty, one));
		catalog.validate();
		assertThat(catalog.size()).isEqualTo(3);
		assertThat(List.of(catalog.sequenceAt(0), catalog.sequenceAt(1), catalog.sequenceAt(2))).containsExactly(1, 3,
				20);
		assertThat(catalog.migrationAt(1)).isSameAs(three);
		assertThat(catalog.get(20)).isSameAs(twenty);
		assertThat(catalog.get(2)).isNull();
		assertThat(catalog.nameOf(20)).isEqualTo("t");
		assertThat(catalog.nameOf(2)).isNull();
		assertThat(catalog.maxSequence()).isEqualTo(20);
		assertThat(catalog.problems()).isEmpty();
	}

	@Test
	void everyProblemIsNamedAtOnce() {
		MigrationCatalog catalog = new MigrationCatalog(List.of(SqlMigration.sql(2, "b", "SELECT 1", "SELECT 1"),
				SqlMigration.sql(0, "zero", "SELECT 1", "SELECT 1"), SqlMigration.sql(2, "again", "SELECT 1", "SELECT 1"),
				SqlMigration.sql(4, "Not-Safe", "SELECT 1", "SELECT 1")));
		assertThatExceptionOfType(SmallsValidationException.class).isThrownBy(catalog::validate)
			.withMessageContaining("has sequence 0; sequences start at 1")
			.withMessageContaining("both have sequence 0002")
			.withMessageContaining("has the name 'Not-Safe'")
			.satisfies((ex) -> assertThat(ex.getSequences()).containsExactly(0, 2, 4));
		assertThat(catalog.problems()).hasSize(3);
	}

	@Test
	void namesAreCheckedCharacterByCharacter() {
		assertThat(MigrationNames.isValid("add_reset_count_2")).isTrue();
		assertThat(MigrationNames.isValid("")).isFalse();
		assertThat(MigrationNames.isValid("a".repeat(100))).isTrue();
		assertThat(MigrationNames.isValid("a".repeat(101))).isFalse();
		assertThat(MigrationNames.isValid("../etc")).isFalse();
		assertThat(MigrationNames.isValid("Upper")).isFalse();
		assertThat(MigrationNames.isValid("sp ace")).isFalse();
		assertThat(MigrationNames.display(7, "x")).isEqualTo("0007_x");
		assertThat(MigrationNames.display(12345)).isEqualTo("12345");
	}

}
