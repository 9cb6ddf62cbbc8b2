package dev.smalls;

import java.util.List;

/**
 * What a {@linkplain SmallsMigrator#baseline(int) baseline} or an adoption of another tool's
 * history ({@linkplain SmallsMigrator#adoptFlyway(FlywayAdoption) Flyway},
 * {@linkplain SmallsMigrator#adoptLiquibase(LiquibaseAdoption) Liquibase}) recorded in
 * smalls' history. Nothing ran and the schema was not changed: only smalls' own tables were
 * written.
 *
 * @param source what was adopted, e.g. {@code baseline} or {@code flyway flyway_schema_history}
 * @param recorded the migrations recorded as applied, in sequence order, each with its
 * {@linkplain MigrationInfo#origin() origin}; empty when they were all recorded already (an
 * adoption run again changes nothing)
 * @param toPort what a person should port to smalls, one sentence each: e.g. a Flyway Java
 * migration, recorded as applied, that the code has no smalls migration for
 * @param notes what else was found and not recorded, one sentence each: e.g. a repeatable
 * Flyway migration, or a version Flyway undid
 * @param nextSequence the sequence the next smalls migration should have (one above the
 * highest recorded)
 * @param schemaRecorded whether the schema was recorded as it is, for drift checks
 */
public record AdoptionResult(String source, List<MigrationInfo> recorded, List<String> toPort, List<String> notes,
		int nextSequence, boolean schemaRecorded) {

	public AdoptionResult {
		recorded = List.copyOf(recorded);
		toPort = List.copyOf(toPort);
		notes = List.copyOf(notes);
	}

}
