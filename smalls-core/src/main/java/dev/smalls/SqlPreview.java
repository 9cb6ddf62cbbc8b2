package dev.smalls;

import java.util.List;

/**
 * The SQL a migration would run on this database, without running it.
 *
 * @param sequence the migration's sequence
 * @param name its name
 * @param rollback whether this is its rollback
 * @param previewable whether smalls can tell: only a schema migration's operations can be
 * written out; a migration of code cannot
 * @param lines the statements, each ending in {@code ;}, with comments naming the operations;
 * for a migration of code, a comment that says so
 */
public record SqlPreview(int sequence, String name, boolean rollback, boolean previewable, List<String> lines) {

	public SqlPreview {
		lines = List.copyOf(lines);
	}

}
