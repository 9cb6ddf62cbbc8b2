package dev.smalls.schema;

import java.util.List;

import org.jspecify.annotations.Nullable;

import dev.smalls.MigrationNames;

/**
 * A schema migration that replaces the migrations {@code 1..}{@link #sequence()}: it builds,
 * on an empty database, the schema they build, in one step. {@code smalls squash --through
 * <seq>} writes one from a scratch database where those migrations were replayed.
 * <p>
 * smalls keeps a squash aside from the other migrations, so it never clashes with the
 * migration of the same sequence while the old classes still exist:
 * <ul>
 * <li>a database whose history has none of the replaced migrations runs the squash instead of
 * them, then the migrations above it as usual; the history then has one row per replaced
 * migration, with its name and checksum, as if they had run one by one;</li>
 * <li>a database that applied any of them ignores the squash and goes on with the
 * migrations' own classes; once every such database is past the squash, the replaced
 * classes can be deleted.</li>
 * </ul>
 * Rolling the whole squash back runs its derived rollback: it drops everything it built.
 */
public interface SquashMigration extends SchemaMigration {

	/**
	 * The migrations this one replaces, ascending, as their history rows record them.
	 * @return the replaced migrations, the last one at {@link #sequence()}
	 */
	List<Replaced> replaced();

	/**
	 * The highest replaced sequence.
	 * @return the sequence of the last {@link #replaced()} migration
	 */
	@Override
	default int sequence() {
		List<Replaced> replaced = replaced();
		return replaced.isEmpty() ? 0 : replaced.get(replaced.size() - 1).sequence();
	}

	@Override
	default String name() {
		return "squash_" + MigrationNames.display(1) + "_" + MigrationNames.display(sequence());
	}

	/**
	 * A migration a squash replaces, as its history row records it.
	 *
	 * @param sequence its sequence
	 * @param name its name
	 * @param checksum the checksum its row records, or {@code null} for none
	 */
	record Replaced(int sequence, String name, @Nullable String checksum) {

	}

}
