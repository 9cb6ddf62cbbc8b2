package dev.smalls.maven;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import dev.smalls.EditedMigrations;
import dev.smalls.dialect.LockStrategy;
import dev.smalls.lint.LintMode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link Settings}.
 */
class SettingsTests {

	@Test
	void durationsAreReadWithAUnitOrAsIso8601() {
		assertThat(Settings.duration("lockTimeout", "30s")).isEqualTo(Duration.ofSeconds(30));
		assertThat(Settings.duration("lockTimeout", "2m")).isEqualTo(Duration.ofMinutes(2));
		assertThat(Settings.duration("lockTimeout", "1h")).isEqualTo(Duration.ofHours(1));
		assertThat(Settings.duration("lockTimeout", "PT45S")).isEqualTo(Duration.ofSeconds(45));
	}

	@Test
	void aNumberWithoutAUnitIsMilliseconds() {
		assertThat(Settings.duration("lockTimeout", "500")).isEqualTo(Duration.ofMillis(500));
		assertThat(Settings.duration("lockTimeout", "500ms")).isEqualTo(Duration.ofMillis(500));
	}

	@Test
	void aWrongDurationSaysHowToWriteIt() {
		assertThatIllegalArgumentException().isThrownBy(() -> Settings.duration("lockTimeout", "soon"))
			.withMessage("<lockTimeout> must be a duration such as 30s, 500ms or 2m, not 'soon'");
	}

	@Test
	void choicesAreReadInAnyCaseAsTheApplicationReadsThem() {
		assertThat(Settings.value(LintMode.class, "lintMode", "fail")).isEqualTo(LintMode.FAIL);
		assertThat(Settings.value(EditedMigrations.class, "editedMigrations", "WARN")).isEqualTo(EditedMigrations.WARN);
		assertThat(Settings.value(LockStrategy.class, "lock", " Transaction ")).isEqualTo(LockStrategy.TRANSACTION);
	}

	@Test
	void aWrongChoiceNamesTheChoices() {
		assertThatIllegalArgumentException().isThrownBy(() -> Settings.value(LintMode.class, "lintMode", "strict"))
			.withMessage("<lintMode> must be one of warn, fail, off, not 'strict'");
	}

}
