/**
 * Micrometer observations of migrations and rollbacks: timers in the metrics, spans in the
 * traces.
 */
@NullMarked
package dev.smalls.actuate.metrics;

import org.jspecify.annotations.NullMarked;
