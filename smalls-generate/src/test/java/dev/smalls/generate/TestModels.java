package dev.smalls.generate;

import java.util.HashMap;
import java.util.Map;

import javax.sql.DataSource;

import org.hibernate.boot.model.naming.CamelCaseToUnderscoresNamingStrategy;

import org.springframework.boot.hibernate.SpringImplicitNamingStrategy;
import org.springframework.orm.jpa.LocalContainerEntityManagerFactoryBean;
import org.springframework.orm.jpa.persistenceunit.PersistenceManagedTypes;
import org.springframework.orm.jpa.vendor.HibernateJpaVendorAdapter;

/**
 * Entity models as a Spring Boot application maps them, and Hibernate's own check of a
 * schema against one.
 */
final class TestModels {

	/** The naming strategies Spring Boot configures by default. */
	static final Map<String, Object> BOOT_NAMING = Map.of("hibernate.physical_naming_strategy",
			CamelCaseToUnderscoresNamingStrategy.class.getName(), "hibernate.implicit_naming_strategy",
			SpringImplicitNamingStrategy.class.getName());

	private TestModels() {
	}

	static JpaModel model(DataSource dataSource, Class<?>... entities) {
		return JpaModel.of(dataSource, BOOT_NAMING, entities);
	}

	/**
	 * Start Hibernate on the schema with {@code ddl-auto=validate}, as an application would.
	 * @param dataSource the database
	 * @param entities the model
	 * @throws RuntimeException if Hibernate finds the schema does not fit the model
	 */
	static void validate(DataSource dataSource, Class<?>... entities) {
		start(dataSource, "validate", entities);
	}

	/**
	 * Let Hibernate create the schema of a model ({@code ddl-auto=create}), its own check
	 * constraints included, as an application that started without migrations did.
	 * @param dataSource the database
	 * @param entities the model
	 */
	static void create(DataSource dataSource, Class<?>... entities) {
		start(dataSource, "create", entities);
	}

	private static void start(DataSource dataSource, String ddlAuto, Class<?>... entities) {
		LocalContainerEntityManagerFactoryBean factory = new LocalContainerEntityManagerFactoryBean();
		factory.setDataSource(dataSource);
		factory.setManagedTypes(PersistenceManagedTypes.of(java.util.Arrays.stream(entities).map(Class::getName)
			.toArray(String[]::new)));
		factory.setJpaVendorAdapter(new HibernateJpaVendorAdapter());
		Map<String, Object> properties = new HashMap<>(BOOT_NAMING);
		properties.put("hibernate.hbm2ddl.auto", ddlAuto);
		factory.setJpaPropertyMap(properties);
		factory.afterPropertiesSet();
		factory.destroy();
	}

}
