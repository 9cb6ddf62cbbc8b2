/**
 * What differs between databases: the migration lock and transactional DDL.
 */
@NullMarked
package dev.smalls.dialect;

import org.jspecify.annotations.NullMarked;
