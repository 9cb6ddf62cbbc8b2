package dev.smalls.internal;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A declared checksum is recorded as it is when it is short printable text, else digested.
 */
class ChecksumsTests {

	@Test
	void shortPrintableTextIsRecordedAsItIsAndAnythingElseAsItsDigest() {
		assertThat(Checksums.declared("v1")).isEqualTo("own:v1");
		assertThat(Checksums.declared("x".repeat(96))).isEqualTo("own:" + "x".repeat(96));
		assertThat(Checksums.declared("x".repeat(97))).startsWith("own#").hasSize(68)
			.isNotEqualTo(Checksums.declared("x".repeat(98)));
		assertThat(Checksums.declared("caf\u00e9")).startsWith("own#").hasSize(68);
		assertThat(Checksums.declared("line\nbreak")).startsWith("own#");
		// The two forms never meet: a value that looks like a digest is recorded as text.
		assertThat(Checksums.declared("#abc")).isEqualTo("own:#abc");
	}

}
