package dev.smalls.input;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The one rule for numbers that the shell and the endpoint share.
 */
class WholeNumbersTests {

	@ParameterizedTest(name = "''{0}'' is {1}")
	@CsvSource({ "0,0", "3,3", "0003,3", "0000,0", "999999999,999999999" })
	void digitsAloneAreANumberLeadingZerosIncluded(String text, int value) {
		assertThat(WholeNumbers.parse(text, 0)).isEqualTo(value);
	}

	@ParameterizedTest(name = "''{0}''")
	@ValueSource(strings = { " 3", "3 ", " 3 ", "\t3", "3\n", "3\u00a0", "0 3", "+3", "-3", "3.0", "1e3", "0x3", "",
			"\u0663", "\uff13", "1000000000", "three" })
	void anythingElseIsNoNumber(String text) {
		assertThat(WholeNumbers.parse(text, 0)).isNull();
	}

	@ParameterizedTest(name = "''{0}''")
	@ValueSource(strings = { "0", "000" })
	void aNumberBelowTheMinimumIsRefusedAlike(String text) {
		assertThat(WholeNumbers.parse(text, 1)).isNull();
	}

}
