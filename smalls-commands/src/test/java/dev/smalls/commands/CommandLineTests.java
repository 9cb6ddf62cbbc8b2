package dev.smalls.commands;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.smalls.commands.SmallsCommand.Option;
import dev.smalls.commands.SmallsCommand.UsageException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class CommandLineTests {

	private static final List<Option> OPTIONS = List.of(Option.value("to", "target"), Option.flag("force", "force"));

	@Test
	void optionsTakeTheirValueFromTheNextWordOrAfterAnEqualsSign() {
		assertThat(CommandLine.parse(List.of("--to", "3"), OPTIONS, 0, "x").options()).isEqualTo(Map.of("to", "3"));
		assertThat(CommandLine.parse(List.of("--to=3"), OPTIONS, 0, "x").options()).isEqualTo(Map.of("to", "3"));
	}

	@Test
	void aFlagNeedsNoValueAndDoesNotSwallowTheNextWord() {
		CommandLine line = CommandLine.parse(List.of("--force", "words"), OPTIONS, 1, "x");
		assertThat(line.options()).isEqualTo(Map.of("force", "true"));
		assertThat(line.arguments()).containsExactly("words");
	}

	@Test
	void wordsAfterADoubleDashAreArgumentsEvenIfTheyLookLikeOptions() {
		assertThat(CommandLine.parse(List.of("--", "--to"), OPTIONS, 1, "x").arguments()).containsExactly("--to");
	}

	@Test
	void anOptionGivenTwiceIsRefused() {
		assertThatExceptionOfType(UsageException.class)
			.isThrownBy(() -> CommandLine.parse(List.of("--to", "1", "--to", "2"), OPTIONS, 0, "x"))
			.withMessage("--to is given twice.");
	}

	@Test
	void typedTextIsShownBackCutShortAndPrintable() {
		assertThatExceptionOfType(UsageException.class)
			.isThrownBy(() -> CommandLine.parse(List.of("--" + "x".repeat(5000) + "\u001b[31m"), OPTIONS, 0, "x"))
			.satisfies((ex) -> assertThat(ex.getMessage()).hasSizeLessThan(200).doesNotContain("\u001b"));
	}

}
