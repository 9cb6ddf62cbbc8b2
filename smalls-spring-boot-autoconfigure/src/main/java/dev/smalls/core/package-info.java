/**
 * Engine internals: the migration catalog, the history table and naming.
 */
@NullMarked
package dev.smalls.core;

import org.jspecify.annotations.NullMarked;
