/**
 * The {@code smalls} health contributor.
 */
@NullMarked
package dev.smalls.actuate.health;

import org.jspecify.annotations.NullMarked;
