package dev.smalls.autoconfigure;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ContextRefreshedEvent;
import org.springframework.orm.jpa.LocalContainerEntityManagerFactoryBean;

import dev.smalls.generate.JpaModel;
import dev.smalls.generate.MappedNames;

/**
 * What the application's JPA model maps, for the linter, with the names declared in
 * {@code smalls.lint.mapped}. The model is read only once the context has been refreshed: a
 * migrate on start-up runs before JPA, which waits for it, so it lints with the declared
 * names alone; {@code smalls lint} and the endpoint, which run later, see the model too.
 */
final class JpaMappedNames implements Supplier<Set<String>>, ApplicationListener<ContextRefreshedEvent> {

	private final ObjectProvider<LocalContainerEntityManagerFactoryBean> factories;

	private final List<String> declared;

	private volatile boolean refreshed;

	JpaMappedNames(ObjectProvider<LocalContainerEntityManagerFactoryBean> factories, List<String> declared) {
		this.factories = factories;
		this.declared = declared;
	}

	@Override
	public void onApplicationEvent(ContextRefreshedEvent event) {
		this.refreshed = true;
	}

	@Override
	public Set<String> get() {
		Set<String> names = new LinkedHashSet<>(this.declared);
		LocalContainerEntityManagerFactoryBean factory = this.refreshed ? this.factories.getIfUnique() : null;
		if (factory != null && factory.getPersistenceUnitInfo() != null) {
			names.addAll(MappedNames.of(JpaModel.of(factory)));
		}
		return names;
	}

}
