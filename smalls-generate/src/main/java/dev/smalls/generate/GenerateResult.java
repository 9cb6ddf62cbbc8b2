package dev.smalls.generate;

import java.nio.file.Path;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * What {@link MigrationGenerator#generate} did, or what {@link MigrationGenerator#check} found
 * it would do.
 *
 * @param file the migration written, or {@code null} if none was: the database matches the
 * model, the only differences are drops that were not allowed, or this is a check, which
 * writes nothing
 * @param migration the migration as shown everywhere ({@code 0004_add_tags}), or {@code null}
 * @param operations the operations the migration records (for a check: would record), as
 * smalls describes them
 * @param withheld the drops left out (written as comments when a file was written), as smalls
 * describes them; rerun with {@link GenerateOptions#withAllowDrop()} to write them
 * @param notes differences generate noticed and does not write, and what to check in the file
 * @param pending the migrations pending, or written and not applied, that the comparison did
 * not count because {@link GenerateOptions#ignorePending()} said to: what they do is not in the
 * database compared; empty otherwise
 */
public record GenerateResult(@Nullable Path file, @Nullable String migration, List<String> operations,
		List<String> withheld, List<String> notes, List<String> pending) {

	public GenerateResult {
		operations = List.copyOf(operations);
		withheld = List.copyOf(withheld);
		notes = List.copyOf(notes);
		pending = List.copyOf(pending);
	}

	/**
	 * Whether a migration file was written.
	 * @return {@code true} if one was
	 */
	public boolean written() {
		return this.file != null;
	}

	/**
	 * Whether the database matches the model: nothing to write, and no drop withheld. The
	 * notes do not count: they name what generate leaves alone.
	 * @return {@code true} if it does
	 */
	public boolean upToDate() {
		return this.operations.isEmpty() && this.withheld.isEmpty();
	}

}
