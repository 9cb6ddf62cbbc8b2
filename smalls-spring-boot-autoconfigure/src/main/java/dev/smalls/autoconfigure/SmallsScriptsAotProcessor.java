package dev.smalls.autoconfigure;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.aot.hint.MemberCategory;
import org.springframework.aot.hint.TypeReference;
import org.springframework.beans.factory.aot.BeanFactoryInitializationAotContribution;
import org.springframework.beans.factory.aot.BeanFactoryInitializationAotProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.jdbc.DatabaseDriver;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;

import dev.smalls.SmallsMigrator;

/**
 * Adds native-image hints for what the application's configuration at build time names:
 * init and seed scripts and SQL migration folders at other locations than the defaults, and the JDBC driver smalls
 * loads for {@code smalls.url} or {@code smalls.driver-class-name}. Configuration that only
 * arrives at run time cannot be known here; such scripts need hints of the application's
 * own.
 */
class SmallsScriptsAotProcessor implements BeanFactoryInitializationAotProcessor {

	@Override
	public @Nullable BeanFactoryInitializationAotContribution processAheadOfTime(
			ConfigurableListableBeanFactory beanFactory) {
		if (beanFactory.getBeanNamesForType(SmallsMigrator.class, true, false).length == 0
				|| !beanFactory.containsBean(ConfigurableApplicationContext.ENVIRONMENT_BEAN_NAME)) {
			return null;
		}
		Environment environment = beanFactory.getBean(ConfigurableApplicationContext.ENVIRONMENT_BEAN_NAME,
				Environment.class);
		SmallsProperties properties = Binder.get(environment).bindOrCreate("smalls", SmallsProperties.class);
		List<String> scripts = new ArrayList<>(properties.getInit().getLocations());
		scripts.addAll(properties.getSeed().getLocations());
		List<String> sqlFolders = properties.getSql().getLocations();
		String driver = driverClassName(properties);
		return (context, code) -> {
			SmallsRuntimeHints.registerScripts(context.getRuntimeHints(), scripts);
			SmallsRuntimeHints.registerSqlFolders(context.getRuntimeHints(), sqlFolders);
			if (driver != null) {
				context.getRuntimeHints()
					.reflection()
					.registerType(TypeReference.of(driver), MemberCategory.INVOKE_PUBLIC_CONSTRUCTORS);
			}
		};
	}

	private static @Nullable String driverClassName(SmallsProperties properties) {
		if (StringUtils.hasText(properties.getDriverClassName())) {
			return properties.getDriverClassName();
		}
		String url = properties.getUrl();
		return (url != null) ? DatabaseDriver.fromJdbcUrl(url).getDriverClassName() : null;
	}

}
