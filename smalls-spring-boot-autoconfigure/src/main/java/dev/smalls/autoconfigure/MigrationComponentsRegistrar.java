package dev.smalls.autoconfigure;

import java.util.HashSet;
import java.util.Set;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.boot.autoconfigure.AutoConfigurationPackages;
import org.springframework.context.annotation.AnnotationBeanNameGenerator;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.context.annotation.ImportBeanDefinitionRegistrar;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ResourceLoader;
import org.springframework.core.type.AnnotationMetadata;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.core.type.filter.AssignableTypeFilter;
import org.springframework.stereotype.Component;

import dev.smalls.SmallsMigration;

/**
 * Registers the {@code @Component} migrations under the application's auto-configuration
 * packages that are not beans yet. Test slices filter components out, so without this a
 * {@code @DataJpaTest} would start with no migrations at all.
 * <p>
 * Only classes the application's own component scan would have registered qualify, so
 * migrations declared by {@code @Bean} methods are never registered a second time, and a
 * class that is already a bean (because the test scanned or imported it) is left alone.
 * Registration happens while bean definitions are loaded, so ahead-of-time processing
 * records it like any other.
 */
final class MigrationComponentsRegistrar implements ImportBeanDefinitionRegistrar {

	private final BeanFactory beanFactory;

	private final Environment environment;

	private final ResourceLoader resourceLoader;

	MigrationComponentsRegistrar(BeanFactory beanFactory, Environment environment, ResourceLoader resourceLoader) {
		this.beanFactory = beanFactory;
		this.environment = environment;
		this.resourceLoader = resourceLoader;
	}

	@Override
	public void registerBeanDefinitions(AnnotationMetadata importingClassMetadata, BeanDefinitionRegistry registry) {
		if (!AutoConfigurationPackages.has(this.beanFactory)) {
			return;
		}
		Set<String> registeredClasses = new HashSet<>();
		for (String name : registry.getBeanDefinitionNames()) {
			String className = registry.getBeanDefinition(name).getBeanClassName();
			if (className != null) {
				registeredClasses.add(className);
			}
		}
		ClassPathScanningCandidateComponentProvider scanner = scanner();
		for (String basePackage : AutoConfigurationPackages.get(this.beanFactory)) {
			for (BeanDefinition candidate : scanner.findCandidateComponents(basePackage)) {
				String className = candidate.getBeanClassName();
				String name = AnnotationBeanNameGenerator.INSTANCE.generateBeanName(candidate, registry);
				if (className != null && !registeredClasses.contains(className)
						&& !registry.containsBeanDefinition(name)) {
					registry.registerBeanDefinition(name, candidate);
					registeredClasses.add(className);
				}
			}
		}
	}

	private ClassPathScanningCandidateComponentProvider scanner() {
		// The environment lets @Profile and @Conditional on a migration count, as they would in
		// a component scan.
		ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false,
				this.environment);
		scanner.setResourceLoader(this.resourceLoader);
		AnnotationTypeFilter component = new AnnotationTypeFilter(Component.class);
		AssignableTypeFilter migration = new AssignableTypeFilter(SmallsMigration.class);
		scanner.addIncludeFilter((reader, factory) -> component.match(reader, factory) && migration.match(reader, factory));
		return scanner;
	}

}
