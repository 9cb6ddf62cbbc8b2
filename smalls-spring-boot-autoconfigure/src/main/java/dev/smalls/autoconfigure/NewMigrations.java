package dev.smalls.autoconfigure;

import java.nio.file.Path;
import java.util.List;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.boot.autoconfigure.AutoConfigurationPackages;

import dev.smalls.SmallsValidationException;

/**
 * Where {@code smalls create} and {@code smalls generate} write new migrations:
 * {@code smalls.create.package}, else the application's package + {@code .migrations}, and
 * {@code smalls.create.directory}, else that package under {@code src/main/java}.
 *
 * @param directory the directory
 * @param packageName the package
 */
record NewMigrations(Path directory, String packageName) {

	static NewMigrations of(SmallsProperties.Create create, BeanFactory beanFactory) {
		String packageName = create.getPackage();
		if (packageName == null) {
			List<String> packages = AutoConfigurationPackages.has(beanFactory) ? AutoConfigurationPackages.get(beanFactory)
					: List.of();
			if (packages.isEmpty()) {
				throw new SmallsValidationException("smalls does not know which package new migrations belong in.",
						"Set smalls.create.package, e.g. smalls.create.package=com.example.migrations.");
			}
			packageName = packages.get(0) + ".migrations";
		}
		String directory = create.getDirectory();
		return new NewMigrations((directory != null) ? Path.of(directory)
				: Path.of("src", "main", "java").resolve(packageName.replace('.', '/')), packageName);
	}

}
