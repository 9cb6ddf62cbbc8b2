package dev.smalls.shell;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.context.event.ApplicationPreparedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.orm.jpa.AbstractEntityManagerFactoryBean;

/**
 * Turns Hibernate's schema tool off in every EntityManagerFactory an application builds
 * itself, in {@code java -jar app.jar smalls <command>}, as
 * {@link OneShotEnvironmentPostProcessor} does for Spring Boot's with
 * {@code spring.jpa.hibernate.ddl-auto=none}. Spring creates such a factory while the
 * application starts, lazy or not (it is {@code LoadTimeWeaverAware}), and one built with
 * {@code hibernate.hbm2ddl.auto=validate}, as for a second database, would stop
 * {@code smalls migrate --instance billing} on the very tables the command is there to
 * create; one with {@code update} or {@code create} would change the database behind the
 * command's back. Added to the application for one-shot runs only, when Spring ORM is there.
 */
final class OneShotSchemaTools implements ApplicationListener<ApplicationPreparedEvent> {

	/** Hibernate's own key, and the JPA one that Hibernate reads ahead of it. */
	private static final String[] SCHEMA_ACTIONS = { "hibernate.hbm2ddl.auto",
			"jakarta.persistence.schema-generation.database.action" };

	@Override
	public void onApplicationEvent(ApplicationPreparedEvent event) {
		event.getApplicationContext().getBeanFactory().addBeanPostProcessor(new BeanPostProcessor() {

			@Override
			public Object postProcessBeforeInitialization(Object bean, String beanName) {
				// Before afterPropertiesSet, where the factory builds Hibernate's.
				if (bean instanceof AbstractEntityManagerFactoryBean factory) {
					for (String action : SCHEMA_ACTIONS) {
						factory.getJpaPropertyMap().put(action, "none");
					}
				}
				return bean;
			}

		});
	}

}
