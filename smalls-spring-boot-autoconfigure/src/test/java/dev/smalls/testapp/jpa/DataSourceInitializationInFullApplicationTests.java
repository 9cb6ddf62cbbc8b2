package dev.smalls.testapp.jpa;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.jdbc.AutoConfigureDataSourceInitialization;
import org.springframework.boot.test.context.SpringBootTest;

import dev.smalls.SmallsMigration;
import dev.smalls.SmallsMigrator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A full application that also imports what test slices import: the migrations its component
 * scan registered are not registered a second time.
 */
@SpringBootTest
@AutoConfigureDataSourceInitialization
class DataSourceInitializationInFullApplicationTests {

	@Autowired
	private SmallsMigrator migrator;

	@Autowired
	private List<SmallsMigration> migrations;

	@Test
	void eachMigrationIsOneBean() {
		assertThat(this.migrations).hasSize(2);
		assertThat(this.migrator.status().current()).isEqualTo(2);
	}

}
