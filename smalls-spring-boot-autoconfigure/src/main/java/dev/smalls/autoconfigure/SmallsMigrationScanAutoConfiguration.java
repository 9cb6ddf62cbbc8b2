package dev.smalls.autoconfigure;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Import;

/**
 * Auto-configuration that brings an application's {@code @Component} migrations into test
 * slices ({@code @DataJpaTest}, {@code @JdbcTest}, {@code @DataJdbcTest}, ...), which
 * filter components out. Imported only through {@code @AutoConfigureDataSourceInitialization},
 * never in a full application, whose component scan already registers them.
 */
@AutoConfiguration(before = SmallsAutoConfiguration.class)
@Import(MigrationComponentsRegistrar.class)
public final class SmallsMigrationScanAutoConfiguration {

}
