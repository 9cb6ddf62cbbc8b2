package dev.smalls.autoconfigure;

import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;

import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.config.DependencyDescriptor;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.context.annotation.ContextAnnotationAutowireCandidateResolver;
import org.springframework.core.MethodParameter;

import dev.smalls.DataMigration;

/**
 * Lets a {@link DataMigration} take the application's beans (a JPA repository, a service) in
 * its constructor, as issue 21 asks, with no {@code @Lazy}: every bean a data migration is
 * injected with is a lazy-resolution proxy, resolved when first used.
 * <p>
 * A data migration is a bean like every migration, made when the migrator is, before the
 * schema is migrated and so before JPA; a repository injected as is would need JPA, which
 * waits for the migration: a cycle. Its batches run once the application is ready, so by the
 * time it uses a bean, the bean can be made. Only the data migrations' own injection points
 * change (a constructor, a field, a setter, or a {@code @Bean} method that returns one);
 * values ({@code @Value}, strings, primitives) and final classes are injected as before.
 * <p>
 * It extends Spring's own resolver, so it is installed only where that resolver is the one
 * in use: an application that set its own keeps it, and marks the beans {@code @Lazy} itself.
 */
final class DataMigrationDependencies extends ContextAnnotationAutowireCandidateResolver {

	/** Installs the resolver in an application context's bean factory. */
	static BeanFactoryPostProcessor installer() {
		return DataMigrationDependencies::install;
	}

	private static void install(ConfigurableListableBeanFactory beanFactory) {
		if (beanFactory instanceof DefaultListableBeanFactory factory
				&& factory.getAutowireCandidateResolver().getClass() == ContextAnnotationAutowireCandidateResolver.class) {
			factory.setAutowireCandidateResolver(new DataMigrationDependencies());
		}
	}

	@Override
	protected boolean isLazy(DependencyDescriptor descriptor) {
		return super.isLazy(descriptor) || (ofDataMigration(descriptor) && proxyable(descriptor));
	}

	private static boolean ofDataMigration(DependencyDescriptor descriptor) {
		Field field = descriptor.getField();
		if (field != null) {
			return DataMigration.class.isAssignableFrom(field.getDeclaringClass());
		}
		MethodParameter parameter = descriptor.getMethodParameter();
		if (parameter == null) {
			return false;
		}
		Executable executable = parameter.getExecutable();
		if (DataMigration.class.isAssignableFrom(executable.getDeclaringClass())) {
			return true;
		}
		// A @Bean method that makes a data migration.
		return executable instanceof Method method && DataMigration.class.isAssignableFrom(method.getReturnType());
	}

	private boolean proxyable(DependencyDescriptor descriptor) {
		if (getSuggestedValue(descriptor) != null) {
			return false;
		}
		Class<?> type = descriptor.getDependencyType();
		return type.isInterface() || (!type.isPrimitive() && !type.isArray() && !Modifier.isFinal(type.getModifiers())
				&& !isJdk(type));
	}

	private static boolean isJdk(Class<?> type) {
		String name = type.getPackageName();
		return name.startsWith("java.") || name.startsWith("javax.") || name.startsWith("jdk.");
	}

}
