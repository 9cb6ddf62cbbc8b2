/**
 * The smalls Spring Shell commands.
 */
@NullMarked
package dev.smalls.shell;

import org.jspecify.annotations.NullMarked;
