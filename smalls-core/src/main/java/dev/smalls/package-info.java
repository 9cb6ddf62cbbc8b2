/**
 * The smalls API: migrations as Spring beans, each with its own rollback, and the migrator that runs them.
 */
@NullMarked
package dev.smalls;

import org.jspecify.annotations.NullMarked;
