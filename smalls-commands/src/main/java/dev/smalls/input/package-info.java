/**
 * Rules for what people type or send, shared by the commands (this module) and the Actuator
 * endpoint (smalls-spring-boot-autoconfigure).
 */
@NullMarked
package dev.smalls.input;

import org.jspecify.annotations.NullMarked;
