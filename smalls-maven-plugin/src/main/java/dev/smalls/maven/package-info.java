/**
 * The smalls Maven plugin: the smalls commands ({@code status}, {@code migrate},
 * {@code plan}, {@code lint}, {@code drift}, {@code rehearse}) run in a build, on the
 * project's compiled migrations, against a database URL, without starting the application.
 * Each goal runs the command object of the one-shot run ({@code java -jar app.jar smalls
 * status}), so the text, the JSON and the exit codes are the same; a failure or a finding
 * fails the build.
 */
@NullMarked
package dev.smalls.maven;

import org.jspecify.annotations.NullMarked;
