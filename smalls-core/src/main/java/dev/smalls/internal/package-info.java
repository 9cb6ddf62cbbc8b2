/**
 * The engine behind {@code SmallsMigrator}: planning, execution, the history table, locks
 * and transactions. Internal: nothing here is API, and it may change in any release.
 */
@NullMarked
package dev.smalls.internal;

import org.jspecify.annotations.NullMarked;
