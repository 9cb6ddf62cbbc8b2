/**
 * Spring Boot auto-configuration for smalls.
 */
@NullMarked
package dev.smalls.autoconfigure;

import org.jspecify.annotations.NullMarked;
