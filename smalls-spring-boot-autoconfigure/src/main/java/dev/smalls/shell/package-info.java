/**
 * The {@code smalls ...} commands: run once from the command line
 * ({@code java -jar app.jar smalls status}), with or without Spring Shell, and at the Spring
 * Shell prompt when Spring Shell is on the classpath.
 */
@NullMarked
package dev.smalls.shell;

import org.jspecify.annotations.NullMarked;
