package dev.smalls.generate;

import java.nio.file.Path;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * What {@link MigrationGenerator#generate} did.
 *
 * @param file the migration written, or {@code null} if none was: the database matches the
 * model, or the only differences are drops that were not allowed
 * @param migration the migration as shown everywhere ({@code 0004_add_tags}), or {@code null}
 * @param operations the operations the migration records, as smalls describes them
 * @param withheld the drops left out (written as comments when a file was written), as smalls
 * describes them; rerun with {@link GenerateOptions#withAllowDrop()} to write them
 * @param notes differences generate noticed and does not write, and what to check in the file
 */
public record GenerateResult(@Nullable Path file, @Nullable String migration, List<String> operations,
		List<String> withheld, List<String> notes) {

	public GenerateResult {
		operations = List.copyOf(operations);
		withheld = List.copyOf(withheld);
		notes = List.copyOf(notes);
	}

	/**
	 * Whether a migration file was written.
	 * @return {@code true} if one was
	 */
	public boolean written() {
		return this.file != null;
	}

	/**
	 * Whether the database matches the model: nothing to write, and no drop withheld.
	 * @return {@code true} if it does
	 */
	public boolean upToDate() {
		return this.file == null && this.withheld.isEmpty();
	}

}
