/**
 * The Spring Boot side of the {@code smalls ...} commands (which live in smalls-commands):
 * running one once from the command line ({@code java -jar app.jar smalls status}), with or
 * without Spring Shell, and offering them at the Spring Shell prompt when Spring Shell is on
 * the classpath.
 */
@NullMarked
package dev.smalls.shell;

import org.jspecify.annotations.NullMarked;
