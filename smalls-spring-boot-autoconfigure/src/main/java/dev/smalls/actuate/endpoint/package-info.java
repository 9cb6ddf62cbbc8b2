/**
 * The smalls Actuator endpoint.
 */
@NullMarked
package dev.smalls.actuate.endpoint;

import org.jspecify.annotations.NullMarked;
