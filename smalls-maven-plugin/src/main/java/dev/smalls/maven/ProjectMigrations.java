package dev.smalls.maven;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.AccessibleObject;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.apache.maven.plugin.MojoFailureException;
import org.jspecify.annotations.Nullable;

import org.springframework.core.io.FileSystemResource;
import org.springframework.core.type.ClassMetadata;
import org.springframework.core.type.classreading.MetadataReader;
import org.springframework.core.type.classreading.MetadataReaderFactory;
import org.springframework.core.type.classreading.SimpleMetadataReaderFactory;
import org.springframework.core.type.filter.AssignableTypeFilter;

import dev.smalls.SmallsMigration;

/**
 * The migrations among a project's compiled classes: every concrete class in the output
 * directory that implements {@link SmallsMigration}, created with its no-argument
 * constructor, outside any Spring context.
 * <p>
 * The classes are found by reading their bytecode, so no other class of the project is
 * loaded. A migration that needs the application (constructor arguments, injected fields
 * or methods) cannot be created here: every such class is named, with what to do, and
 * nothing runs, since running the others without it would apply migrations out of order.
 */
final class ProjectMigrations {

	/** What marks a field or a method as filled by the application's context. */
	private static final Set<String> INJECTION = Set.of("org.springframework.beans.factory.annotation.Autowired",
			"org.springframework.beans.factory.annotation.Value", "jakarta.inject.Inject", "javax.inject.Inject",
			"jakarta.annotation.Resource");

	private ProjectMigrations() {
	}

	/**
	 * Find and create the migrations compiled into a directory.
	 * @param classes the project's output directory; a directory that does not exist has none
	 * @param loader the project's class loader
	 * @return the migrations, by class name
	 * @throws MojoFailureException if a migration cannot be created without the application
	 */
	static List<SmallsMigration> find(Path classes, ClassLoader loader) throws MojoFailureException {
		List<String> names = migrationClassNames(classes, loader);
		List<SmallsMigration> migrations = new ArrayList<>();
		List<String> refused = new ArrayList<>();
		for (String name : names) {
			try {
				Class<?> type = Class.forName(name, false, loader);
				String needs = needsTheApplication(type);
				if (needs != null) {
					refused.add(name + ": " + needs);
					continue;
				}
				Constructor<?> constructor = type.getDeclaredConstructor();
				constructor.setAccessible(true);
				migrations.add((SmallsMigration) constructor.newInstance());
			}
			catch (InvocationTargetException ex) {
				Throwable cause = (ex.getCause() != null) ? ex.getCause() : ex;
				refused.add(name + ": its constructor failed: " + cause);
			}
			catch (ReflectiveOperationException | LinkageError ex) {
				refused.add(name + ": it cannot be loaded or created: " + ex);
			}
		}
		if (!refused.isEmpty()) {
			throw new MojoFailureException(refusal(refused));
		}
		return migrations;
	}

	private static List<String> migrationClassNames(Path classes, ClassLoader loader) {
		if (!Files.isDirectory(classes)) {
			return List.of();
		}
		MetadataReaderFactory readers = new SimpleMetadataReaderFactory(loader);
		AssignableTypeFilter migration = new AssignableTypeFilter(SmallsMigration.class);
		try (Stream<Path> files = Files.walk(classes)) {
			List<String> names = new ArrayList<>();
			for (Path file : files.filter((path) -> path.toString().endsWith(".class")).sorted().toList()) {
				MetadataReader reader = readers.getMetadataReader(new FileSystemResource(file));
				ClassMetadata type = reader.getClassMetadata();
				if (type.isConcrete() && !type.isAnnotation() && migration.match(reader, readers)) {
					names.add(type.getClassName());
				}
			}
			return names;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not read the compiled classes in " + classes, ex);
		}
	}

	/**
	 * Why a migration class cannot be created without the application, or {@code null}.
	 */
	private static @Nullable String needsTheApplication(Class<?> type) {
		if (type.getEnclosingClass() != null && !Modifier.isStatic(type.getModifiers())) {
			return "it is an inner class, created only with an instance of " + type.getEnclosingClass().getSimpleName()
					+ "; make it static or a class of its own";
		}
		Constructor<?>[] constructors = type.getDeclaredConstructors();
		if (Arrays.stream(constructors).noneMatch((constructor) -> constructor.getParameterCount() == 0)) {
			Constructor<?> shortest = Arrays.stream(constructors)
				.min(Comparator.comparingInt(Constructor::getParameterCount))
				.orElseThrow();
			return "its constructor takes " + Arrays.stream(shortest.getParameterTypes())
				.map(Class::getSimpleName)
				.collect(Collectors.joining(", ")) + ", which the application's context injects";
		}
		List<String> injected = new ArrayList<>();
		for (Class<?> current = type; current != null && current != Object.class; current = current.getSuperclass()) {
			Stream.concat(Arrays.stream(current.getDeclaredFields()), Arrays.stream(current.getDeclaredMethods()))
				.filter(ProjectMigrations::isInjected)
				.map((member) -> (member instanceof Field field) ? "field " + field.getName()
						: "method " + ((Method) member).getName() + "()")
				.forEach(injected::add);
		}
		return injected.isEmpty() ? null
				: "it has " + String.join(", ", injected) + " injected by the application's context";
	}

	private static boolean isInjected(AccessibleObject member) {
		for (Annotation annotation : member.getDeclaredAnnotations()) {
			if (INJECTION.contains(annotation.annotationType().getName())) {
				return true;
			}
		}
		return false;
	}

	private static String refusal(List<String> refused) {
		StringBuilder message = new StringBuilder("smalls cannot create ")
			.append((refused.size() == 1) ? "this migration" : "these " + refused.size() + " migrations")
			.append(" without the application, so nothing ran:");
		refused.forEach((line) -> message.append(System.lineSeparator()).append("  ").append(line));
		message.append(System.lineSeparator())
			.append("The plugin creates each migration with its no-argument constructor, outside any Spring context; "
					+ "a migration gets its JdbcTemplate in migrate and rollback and needs nothing else. Give ")
			.append((refused.size() == 1) ? "it" : "each")
			.append(" a no-argument constructor and no injected members, or run the command in the application "
					+ "instead: java -jar app.jar smalls <command>");
		return message.toString();
	}

}
