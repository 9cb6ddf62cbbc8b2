/**
 * The linter: rules that find DDL and statements that lock a busy table for long (an index
 * built without {@code CONCURRENTLY}, a foreign key validated inline, a column type change that
 * rewrites the table...), each with why it locks, for how long, and the safe way to write it.
 * {@link dev.smalls.SmallsMigrator#lint()} runs them over the pending migrations;
 * {@link dev.smalls.lint.LintRules#all()} lists them.
 */
@NullMarked
package dev.smalls.lint;

import org.jspecify.annotations.NullMarked;
