package dev.smalls.generate;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.smalls.schema.ColumnType;
import dev.smalls.schema.SqlExpression;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the model and the database hand to the generated source can only ever be a value or
 * the text of a comment, never code.
 */
class JavaSourceTests {

	private static final String HOSTILE = "a\"b\\c\nd\r\u0001e */ f \\u000a System.exit(1); \u2028 g";

	@TempDir
	Path directory;

	@Test
	void typesAreWrittenAsConstantsFactoriesOrAsGiven() {
		JavaSource source = new JavaSource();
		assertThat(source.type(ColumnType.INTEGER)).isEqualTo("ColumnType.INTEGER");
		assertThat(source.type(ColumnType.varchar(80))).isEqualTo("ColumnType.varchar(80)");
		assertThat(source.type(ColumnType.decimal(12, 3))).isEqualTo("ColumnType.decimal(12, 3)");
		assertThat(source.type(ColumnType.of("VARCHAR(80)"))).isEqualTo("ColumnType.of(\"VARCHAR(80)\")");
		assertThat(source.type(ColumnType.of("tinyint"))).isEqualTo("ColumnType.of(\"tinyint\")");
	}

	@Test
	void valuesNeedTheirImports() {
		JavaSource source = new JavaSource();
		assertThat(source.value(7)).isEqualTo("7");
		assertThat(source.value(5_000_000_000L)).isEqualTo("5000000000L");
		assertThat(source.value(true)).isEqualTo("true");
		assertThat(source.value(new BigDecimal("1.50"))).isEqualTo("new BigDecimal(\"1.50\")");
		assertThat(source.value(SqlExpression.CURRENT_TIMESTAMP)).isEqualTo("SqlExpression.of(\"CURRENT_TIMESTAMP\")");
		assertThat(source.imports()).containsExactlyInAnyOrder("java.math.BigDecimal", "dev.smalls.schema.SqlExpression");
	}

	@Test
	void aHostileStringIsOneLiteralWithItsValueEvenInsideALineComment() throws Exception {
		String literal = JavaSource.string(HOSTILE);
		String comment = JavaSource.comment("note: " + HOSTILE);
		String source = """
				package p;

				public class Holder implements java.util.function.Supplier<String> {

					// %s
					// %s

					public String get() {
						return %s;
					}

				}
				""".formatted(literal, comment, literal);

		assertThat(compileAndGet(source)).isEqualTo(HOSTILE);
	}

	private String compileAndGet(String source) throws Exception {
		Path file = Files.createDirectories(this.directory.resolve("p")).resolve("Holder.java");
		Files.writeString(file, source);
		Path classes = Files.createDirectories(this.directory.resolve("classes"));
		JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
		ByteArrayOutputStream errors = new ByteArrayOutputStream();
		int result = compiler.run(null, null, errors, "-proc:none", "-encoding", "UTF-8", "-d", classes.toString(),
				file.toString());
		assertThat(result).as(errors.toString(StandardCharsets.UTF_8) + "\n" + source).isZero();
		try (URLClassLoader loader = new URLClassLoader(new URL[] { classes.toUri().toURL() })) {
			@SuppressWarnings("unchecked")
			Supplier<String> holder = (Supplier<String>) loader.loadClass("p.Holder").getConstructor().newInstance();
			return holder.get();
		}
	}

}
