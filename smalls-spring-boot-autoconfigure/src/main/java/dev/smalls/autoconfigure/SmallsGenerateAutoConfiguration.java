package dev.smalls.autoconfigure;

import javax.sql.DataSource;

import org.hibernate.boot.Metadata;

import org.springframework.beans.factory.BeanCreationException;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Lazy;
import org.springframework.orm.jpa.LocalContainerEntityManagerFactoryBean;

import dev.smalls.SmallsException;
import dev.smalls.SmallsMigrator;
import dev.smalls.SmallsValidationException;
import dev.smalls.generate.GenerateCommand;
import dev.smalls.generate.JpaModel;
import dev.smalls.generate.MigrationGenerator;

/**
 * Auto-configuration of {@code smalls generate}: a {@link MigrationGenerator} on the
 * application's JPA model, and its command (one-shot and at the Spring Shell prompt). Only with
 * smalls-generate, Hibernate and an entity manager factory; an application without JPA never
 * loads any of it.
 */
// Before the shell's configuration, which collects the smalls commands. Hibernate's by name, as
// Spring Boot's own auto-configurations name an optional module's: a class reference would fail
// to resolve wherever that module is not on the classpath.
@AutoConfiguration(after = SmallsAutoConfiguration.class,
		afterName = "org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration",
		before = SmallsShellAutoConfiguration.class)
@ConditionalOnClass({ MigrationGenerator.class, Metadata.class, LocalContainerEntityManagerFactoryBean.class })
@ConditionalOnBean({ SmallsMigrator.class, LocalContainerEntityManagerFactoryBean.class })
public final class SmallsGenerateAutoConfiguration {

	// Lazy: it is only needed when a migration is generated, and an application without a
	// known package for migrations must still start.
	@Bean
	@Lazy
	@ConditionalOnMissingBean
	MigrationGenerator smallsMigrationGenerator(SmallsMigrator migrator, SmallsProperties properties,
			ObjectProvider<MigrationDataSource> migrationDataSource, ObjectProvider<DataSource> dataSource,
			ObjectProvider<LocalContainerEntityManagerFactoryBean> entityManagerFactory, BeanFactory beanFactory) {
		MigrationDataSource migrated = migrationDataSource.getIfAvailable();
		DataSource database = (migrated != null) ? migrated.get() : dataSource.getObject();
		NewMigrations location = NewMigrations.of(properties.getCreate(), beanFactory);
		return new MigrationGenerator(migrator, database, () -> JpaModel.of(entityManagerFactory(entityManagerFactory)),
				location.directory(), location.packageName(), properties.getGenerate().getIgnoredTables());
	}

	private static LocalContainerEntityManagerFactoryBean entityManagerFactory(
			ObjectProvider<LocalContainerEntityManagerFactoryBean> factories) {
		LocalContainerEntityManagerFactoryBean factory = factories.getIfUnique();
		if (factory == null) {
			throw new SmallsValidationException("The application has several entity manager factories, and smalls "
					+ "does not know which one's model to compare.", "Mark one @Primary, or define a "
							+ "MigrationGenerator bean of your own with the model to use.");
		}
		return factory;
	}

	@Bean
	JpaMappedNames smallsJpaMappedNames(ObjectProvider<LocalContainerEntityManagerFactoryBean> entityManagerFactory,
			SmallsProperties properties) {
		return new JpaMappedNames(entityManagerFactory, properties.getLint().getMapped());
	}

	@Bean
	SmallsMigratorCustomizer smallsLintMappedByJpa(JpaMappedNames names) {
		return (builder) -> builder.lintMapped(names);
	}

	@Bean
	@ConditionalOnMissingBean
	GenerateCommand smallsGenerateCommand(ObjectProvider<MigrationGenerator> generator) {
		return new GenerateCommand(() -> generator(generator));
	}

	/** The generator, or what stopped it from being made, said as smalls says errors. */
	private static MigrationGenerator generator(ObjectProvider<MigrationGenerator> generator) {
		try {
			return generator.getObject();
		}
		catch (BeanCreationException ex) {
			if (ex.getMostSpecificCause() instanceof SmallsException cause) {
				throw cause;
			}
			throw ex;
		}
	}

}
