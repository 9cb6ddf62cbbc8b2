package dev.smalls.generate;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;

import dev.smalls.schema.SqlExpression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Defaults written as SQL, by {@code @ColumnDefault} or by a database's metadata, read as
 * values smalls writes the right way on each database.
 */
class DefaultValuesTests {

	@Test
	void plainLiteralsBecomeValues() {
		assertThat(DefaultValues.read("0")).isEqualTo(0);
		assertThat(DefaultValues.read("-12")).isEqualTo(-12);
		assertThat(DefaultValues.read("5000000000")).isEqualTo(5_000_000_000L);
		assertThat(DefaultValues.read("1.50")).isEqualTo(new BigDecimal("1.50"));
		assertThat(DefaultValues.read("TRUE")).isEqualTo(true);
		assertThat(DefaultValues.read("false")).isEqualTo(false);
		assertThat(DefaultValues.read("'open'")).isEqualTo("open");
		assertThat(DefaultValues.read("'it''s'")).isEqualTo("it's");
	}

	@Test
	void postgresqlCastsAndParenthesesAreReadThrough() {
		assertThat(DefaultValues.read("'open'::character varying")).isEqualTo("open");
		assertThat(DefaultValues.read("'-1'::integer")).isEqualTo("-1");
		assertThat(DefaultValues.read("(0)")).isEqualTo(0);
		assertThat(DefaultValues.read("'x'::character varying(20)")).isEqualTo("x");
	}

	@Test
	void anythingElseIsAnExpressionWrittenAsGiven() {
		assertThat(DefaultValues.read("CURRENT_TIMESTAMP")).isEqualTo(SqlExpression.CURRENT_TIMESTAMP);
		assertThat(DefaultValues.read("current_timestamp()")).isEqualTo(SqlExpression.of("current_timestamp()"));
	}

	@Test
	void noDefaultIsNoValue() {
		assertThat(DefaultValues.read(null)).isNull();
		assertThat(DefaultValues.read(" ")).isNull();
		assertThat(DefaultValues.read("NULL")).isNull();
	}

	@Test
	void anExpressionWithAStatementSeparatorOrCommentIsRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> DefaultValues.read("0; DROP TABLE users"));
		assertThatIllegalArgumentException().isThrownBy(() -> DefaultValues.read("0 -- comment"));
	}

}
