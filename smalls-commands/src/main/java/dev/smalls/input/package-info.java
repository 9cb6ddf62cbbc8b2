/**
 * Rules for what people type or send, shared by the shell commands and the Actuator
 * endpoint.
 */
@NullMarked
package dev.smalls.input;

import org.jspecify.annotations.NullMarked;
