package dev.smalls;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How migrations are named by default and shown.
 */
class MigrationNamesTests {

	@Test
	void aClassNameBecomesSnakeCaseWithoutItsSequencePrefix() {
		assertThat(MigrationNames.fromClass(M0002AddResetCount.class)).isEqualTo("add_reset_count");
		assertThat(MigrationNames.fromClass(V0003__AddHTTPHeader.class)).isEqualTo("add_http_header");
		assertThat(MigrationNames.fromClass(Migration0004_Add2Fa.class)).isEqualTo("add2_fa");
		assertThat(MigrationNames.fromClass(CreateUsers.class)).isEqualTo("create_users");
		assertThat(MigrationNames.fromClass(M.class)).isEqualTo("m");
	}

	@Test
	void wordsBecomeSnakeCase() {
		assertThat(MigrationNames.toSnakeCase("add email to users")).isEqualTo("add_email_to_users");
		assertThat(MigrationNames.toSnakeCase("  Add e-mail!! ")).isEqualTo("add_e_mail");
		assertThat(MigrationNames.toSnakeCase("XMLParser")).isEqualTo("xml_parser");
		assertThat(MigrationNames.toSnakeCase("")).isEmpty();
		assertThat(MigrationNames.toSnakeCase("!!")).isEmpty();
	}

	@Test
	void sequencesAreShownWithAtLeastFourDigits() {
		assertThat(MigrationNames.display(7, "x")).isEqualTo("0007_x");
		assertThat(MigrationNames.display(12345)).isEqualTo("12345");
	}

	static class M0002AddResetCount {

	}

	static class V0003__AddHTTPHeader {

	}

	static class Migration0004_Add2Fa {

	}

	static class CreateUsers {

	}

	static class M {

	}

}
