package dev.smalls.testapp.data;

import java.util.UUID;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import dev.smalls.Contract;
import dev.smalls.MigrationExecution;
import dev.smalls.RunningInstance;
import dev.smalls.SmallsMigrator;
import dev.smalls.SmallsValidationException;
import dev.smalls.autoconfigure.SmallsInstanceAnnouncer;
import dev.smalls.schema.ColumnType;
import dev.smalls.schema.Schema;
import dev.smalls.schema.SchemaMigration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A running application (the old release) announces itself with what its JPA model maps; the
 * next release's contract step, dropping a column that model maps, is refused naming that
 * instance, and runs once the application has stopped.
 */
class ContractGuardApplicationTests {

	@Contract
	static final class DropFirstName implements SchemaMigration {

		@Override
		public int sequence() {
			return 2;
		}

		@Override
		public void change(Schema schema) {
			schema.dropColumn("people", "first_name", ColumnType.varchar(50));
		}

	}

	@Test
	void theNextReleasesContractStepWaitsForTheRunningApplicationThatMapsTheColumn() {
		String url = "jdbc:h2:mem:contract-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
		ConfigurableApplicationContext oldRelease = new SpringApplicationBuilder(DataMigrationApplication.class)
			.web(WebApplicationType.NONE)
			.run("--spring.datasource.url=" + url, "--smalls.enabled=true", "--smalls.data.enabled=false",
					"--smalls.contract.release=1.4.0");
		DataSource dataSource = new DriverManagerDataSource(url, "sa", "");
		SmallsMigrator nextRelease = SmallsMigrator.builder(dataSource)
			.migrations(new M0001CreatePeople(), new DropFirstName())
			.build();
		String id;
		try {
			id = oldRelease.getBean(SmallsInstanceAnnouncer.class).getId();
			assertThat(nextRelease.runningInstances()).singleElement().satisfies((instance) -> {
				assertThat(instance.id()).isEqualTo(id);
				assertThat(instance.release()).isEqualTo("1.4.0");
				assertThat(instance.mapped()).contains("people", "people.first_name", "people.full_name");
			});
			assertThatExceptionOfType(SmallsValidationException.class).isThrownBy(nextRelease::migrate)
				.withMessageContaining(id + " (release 1.4.0, heartbeat ")
				.withMessageContaining("maps people.first_name. Nothing was run.");
		}
		finally {
			oldRelease.close();
		}
		assertThat(nextRelease.runningInstances()).extracting(RunningInstance::id).doesNotContain(id);
		assertThat(nextRelease.migrate().applied()).extracting(MigrationExecution::sequence).containsExactly(2);
	}

}
