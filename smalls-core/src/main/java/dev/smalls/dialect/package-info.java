/**
 * The database SPI: {@link dev.smalls.dialect.SmallsDialect} holds everything smalls does
 * differently per database (the migration lock and its strategies, whether DDL is
 * transactional, the history table's SQL, the DDL of schema operations), and
 * {@link dev.smalls.dialect.SmallsDialects} picks one from a connection's metadata. This
 * package depends on no other smalls package.
 */
@NullMarked
package dev.smalls.dialect;

import org.jspecify.annotations.NullMarked;
