package dev.smalls.autoconfigure;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

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
 * names alone; {@code smalls lint} and the endpoint, which run later, see the model too, read
 * once.
 */
final class JpaMappedNames implements Supplier<Set<String>>, ApplicationListener<ContextRefreshedEvent> {

	private final ObjectProvider<LocalContainerEntityManagerFactoryBean> factories;

	private final List<String> declared;

	private volatile boolean refreshed;

	/** The model's names, read once: building Hibernate's metadata is not free, and it logs. */
	private volatile @Nullable Set<String> model;

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
		names.addAll(model());
		return names;
	}

	private Set<String> model() {
		Set<String> model = this.model;
		if (model == null && this.refreshed) {
			LocalContainerEntityManagerFactoryBean factory = this.factories.getIfUnique();
			model = (factory != null && factory.getPersistenceUnitInfo() != null)
					? MappedNames.of(JpaModel.of(factory)) : Set.of();
			this.model = model;
		}
		return (model != null) ? model : Set.of();
	}

}
