package dev.smalls.generate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import javax.sql.DataSource;

import jakarta.persistence.spi.PersistenceUnitInfo;
import org.hibernate.boot.Metadata;
import org.hibernate.boot.registry.StandardServiceRegistryBuilder;
import org.hibernate.boot.spi.MetadataImplementor;
import org.hibernate.bytecode.enhance.spi.EnhancementContext;
import org.hibernate.jpa.boot.internal.EntityManagerFactoryBuilderImpl;
import org.hibernate.jpa.boot.internal.PersistenceUnitInfoDescriptor;

import org.springframework.orm.jpa.LocalContainerEntityManagerFactoryBean;
import org.springframework.orm.jpa.persistenceunit.DefaultPersistenceUnitManager;
import org.springframework.orm.jpa.persistenceunit.PersistenceManagedTypes;
import org.springframework.orm.jpa.persistenceunit.SmartPersistenceUnitInfo;

import dev.smalls.SmallsException;

/**
 * An application's JPA model as Hibernate maps it: the persistence unit and the properties
 * its {@code EntityManagerFactory} was built from, so that table and column names come out of
 * the application's own naming strategies. Reading it builds Hibernate's boot metadata the way
 * the application's factory was built, without starting another factory or touching the
 * schema, and releases it afterwards.
 */
public final class JpaModel {

	private final PersistenceUnitInfo unit;

	private final Map<String, Object> properties;

	private JpaModel(PersistenceUnitInfo unit, Map<String, ?> properties) {
		this.unit = unit;
		this.properties = new HashMap<>(properties);
	}

	/**
	 * The model of an application's entity manager factory, as Spring Boot configures it.
	 * @param factory the factory bean, once initialized
	 * @return the model
	 */
	public static JpaModel of(LocalContainerEntityManagerFactoryBean factory) {
		PersistenceUnitInfo unit = factory.getPersistenceUnitInfo();
		if (unit == null) {
			throw new IllegalStateException("The entity manager factory has no persistence unit yet: read the model "
					+ "once the application has started");
		}
		return new JpaModel(unit, factory.getJpaPropertyMap());
	}

	/**
	 * The model of a persistence unit.
	 * @param unit the unit, with its data source
	 * @param properties the JPA and Hibernate properties, naming strategies included
	 * @return the model
	 */
	public static JpaModel of(PersistenceUnitInfo unit, Map<String, ?> properties) {
		return new JpaModel(unit, properties);
	}

	/**
	 * The model of some entity classes, for tests and tools. Spring Boot's naming is not
	 * implied: pass {@code hibernate.physical_naming_strategy} and
	 * {@code hibernate.implicit_naming_strategy} as the application sets them.
	 * @param dataSource the database Hibernate asks for its dialect
	 * @param properties the JPA and Hibernate properties
	 * @param entities the entity classes
	 * @return the model
	 */
	public static JpaModel of(DataSource dataSource, Map<String, ?> properties, Class<?>... entities) {
		DefaultPersistenceUnitManager manager = new DefaultPersistenceUnitManager();
		manager.setManagedTypes(PersistenceManagedTypes.of(Arrays.stream(entities).map(Class::getName).toList(),
				List.of()));
		manager.setDefaultDataSource(dataSource);
		manager.afterPropertiesSet();
		return new JpaModel(manager.obtainDefaultPersistenceUnitInfo(), properties);
	}

	/**
	 * Build Hibernate's boot metadata, read it, and release it.
	 * @param <T> what is read
	 * @param reader reads the metadata
	 * @return what was read
	 * @throws SmallsException if Hibernate cannot map the model
	 */
	<T> T read(Function<Metadata, T> reader) {
		// As Spring's own SpringHibernateJpaPersistenceProvider builds the application's factory.
		List<String> classesAndPackages = new ArrayList<>(this.unit.getManagedClassNames());
		if (this.unit instanceof SmartPersistenceUnitInfo smart) {
			classesAndPackages.addAll(smart.getManagedPackages());
		}
		EntityManagerFactoryBuilderImpl builder;
		MetadataImplementor metadata;
		try {
			builder = new EntityManagerFactoryBuilderImpl(new PersistenceUnitInfoDescriptor(this.unit) {

				@Override
				public List<String> getManagedClassNames() {
					return classesAndPackages;
				}

				@Override
				public void pushClassTransformer(EnhancementContext enhancementContext) {
					// Only the mapping is read: no class is loaded to be enhanced.
				}

			}, new HashMap<>(this.properties));
			metadata = builder.metadata();
		}
		catch (RuntimeException ex) {
			throw new SmallsException("Hibernate could not map the JPA model: " + ex.getMessage() + ". No migration "
					+ "was written.", "Fix the mapping until the application starts, then run smalls generate again.",
					ex);
		}
		try {
			return reader.apply(metadata);
		}
		finally {
			builder.cancel();
			StandardServiceRegistryBuilder.destroy(metadata.getMetadataBuildingOptions().getServiceRegistry());
		}
	}

}
