package dev.smalls.autoconfigure;

import java.util.Arrays;

import javax.sql.DataSource;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.boot.jdbc.DataSourceBuilder;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;
import org.springframework.util.StringUtils;

import dev.smalls.SmallsInstances;

/**
 * The database of each instance: the DataSource bean it names, or one of its own built from
 * its URL. Also knows which application DataSource each instance migrates, so that Spring
 * Boot can be told who manages its schema.
 */
final class InstanceDataSources {

	private InstanceDataSources() {
	}

	/**
	 * Resolve an instance's data source.
	 * @param name the instance
	 * @param instance its properties
	 * @param beanFactory where the DataSource beans are
	 * @return the instance's database
	 * @throws InstanceConfigurationException if neither or both of datasource and url are
	 * set, or there is no DataSource bean of that name
	 */
	static Resolved resolve(String name, InstanceProperties instance, ListableBeanFactory beanFactory) {
		String prefix = "smalls.instances." + name + ".";
		String beanName = instance.getDatasource();
		boolean hasBean = StringUtils.hasText(beanName);
		boolean hasUrl = StringUtils.hasText(instance.getUrl());
		if (hasBean == hasUrl) {
			throw new InstanceConfigurationException("smalls instance '" + name + "' has "
					+ (hasBean ? "both a datasource and a url" : "no database") + ".",
					"Set " + prefix + "datasource to the name of a DataSource bean ("
							+ String.join(", ", dataSourceNames(beanFactory)) + "), or " + prefix + "url (with "
							+ prefix + "username and " + prefix + "password), not both.");
		}
		if (hasUrl) {
			// Another database, as far as smalls can tell: it claims no application data source.
			return new Resolved(build(DataSourceBuilder.create().url(instance.getUrl()), instance), null);
		}
		if (!beanFactory.containsBean(beanName) || !beanFactory.isTypeMatch(beanName, DataSource.class)) {
			String[] names = dataSourceNames(beanFactory);
			throw new InstanceConfigurationException(prefix + "datasource names '" + beanName
					+ "', and there is no DataSource bean of that name"
					+ ((names.length > 0) ? "; did you mean '" + SmallsInstances.closest(beanName, Arrays.asList(names))
							+ "'?" : "."),
					"Name one of the DataSource beans: " + ((names.length > 0) ? String.join(", ", names) : "none")
							+ ".");
		}
		DataSource dataSource = beanFactory.getBean(beanName, DataSource.class);
		if (StringUtils.hasText(instance.getUsername())) {
			return new Resolved(build(DataSourceBuilder.derivedFrom(dataSource), instance), dataSource);
		}
		return new Resolved(dataSource, dataSource);
	}

	private static String[] dataSourceNames(ListableBeanFactory beanFactory) {
		return beanFactory.getBeanNamesForType(DataSource.class, false, false);
	}

	/**
	 * A driver-managed data source, as for {@code smalls.url}: nothing held open between runs.
	 */
	private static DataSource build(DataSourceBuilder<?> builder, InstanceProperties instance) {
		builder.type(SimpleDriverDataSource.class);
		builder.username(instance.getUsername());
		builder.password(instance.getPassword());
		if (StringUtils.hasText(instance.getDriverClassName())) {
			builder.driverClassName(instance.getDriverClassName());
		}
		return builder.build();
	}

	/**
	 * An instance's database.
	 *
	 * @param dataSource the data source its migrator uses
	 * @param schemaOf the application DataSource whose schema it migrates, or {@code null}
	 */
	record Resolved(DataSource dataSource, @org.jspecify.annotations.Nullable DataSource schemaOf) {

		boolean migratesSchemaOf(DataSource candidate) {
			return candidate == this.dataSource || candidate == this.schemaOf;
		}

	}

}
