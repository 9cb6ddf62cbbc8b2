/**
 * The database SPI: {@link dev.smalls.dialect.SmallsDialect} holds everything smalls does
 * differently per database, {@link dev.smalls.dialect.SmallsDialects} picks one.
 */
@NullMarked
package dev.smalls.dialect;

import org.jspecify.annotations.NullMarked;
