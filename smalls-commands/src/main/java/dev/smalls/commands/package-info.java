/**
 * The {@code smalls ...} commands, without Spring Boot or Spring Shell: each command
 * ({@link dev.smalls.commands.SmallsCommand}), the parsing of what was typed after its name,
 * what it prints, the files {@code smalls create} writes, and
 * {@link dev.smalls.commands.SmallsCommandRunner}, which runs one and says how it went in an
 * exit code. A one-shot run ({@code java -jar app.jar smalls status}), the Spring Shell prompt
 * and a build plugin all run the commands through these types.
 */
@NullMarked
package dev.smalls.commands;

import org.jspecify.annotations.NullMarked;
