package dev.smalls.generate;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

import dev.smalls.schema.SchemaMigration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Compiles a generated migration with the JDK's compiler, as a user's build would, and loads
 * it.
 */
final class Compiler {

	private final Path classes;

	Compiler(Path directory) {
		try {
			this.classes = Files.createDirectories(directory.resolve("classes"));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Compile a file as it was written and create the migration it declares.
	 * @param file the source file
	 * @param className the class's fully qualified name
	 * @return the migration
	 */
	SchemaMigration load(Path file, String className) {
		JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
		ByteArrayOutputStream errors = new ByteArrayOutputStream();
		int result = compiler.run(null, null, errors, "-proc:none", "-Xlint:all", "-Werror", "-encoding", "UTF-8",
				"-cp", System.getProperty("java.class.path"), "-d", this.classes.toString(), file.toString());
		assertThat(result).as(() -> errors.toString(StandardCharsets.UTF_8) + "\n" + read(file)).isZero();
		try {
			URLClassLoader loader = new URLClassLoader(new URL[] { this.classes.toUri().toURL() },
					getClass().getClassLoader());
			return (SchemaMigration) loader.loadClass(className).getConstructor().newInstance();
		}
		catch (ReflectiveOperationException | IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	static String read(Path file) {
		try {
			return Files.readString(file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
