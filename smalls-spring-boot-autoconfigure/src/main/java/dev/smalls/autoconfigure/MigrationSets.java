package dev.smalls.autoconfigure;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.util.ClassUtils;

import dev.smalls.SmallsInstances;
import dev.smalls.SmallsMigration;
import dev.smalls.SmallsSet;

/**
 * Which migration bean belongs to which set: to the instance whose
 * {@code migrations-package} holds its class (sub-packages included) or that its
 * {@link SmallsSet @SmallsSet} names; to the default set when none claims it. A migration
 * two instances claim, or a {@code @SmallsSet} naming no instance, is refused, naming them.
 * Decided once, when a migrator first asks.
 */
final class MigrationSets {

	private final ListableBeanFactory beanFactory;

	private final Map<String, InstanceProperties> instances;

	private volatile @Nullable Map<String, List<SmallsMigration>> sets;

	MigrationSets(ListableBeanFactory beanFactory, Map<String, InstanceProperties> instances) {
		this.beanFactory = beanFactory;
		this.instances = instances;
	}

	/**
	 * The default set's migrations: those no instance claims.
	 * @return the migrations
	 */
	List<SmallsMigration> defaultSet() {
		return sets().getOrDefault("", List.of());
	}

	/**
	 * An instance's migrations.
	 * @param name the instance
	 * @return its migrations
	 */
	List<SmallsMigration> instance(String name) {
		return sets().getOrDefault(name, List.of());
	}

	private Map<String, List<SmallsMigration>> sets() {
		Map<String, List<SmallsMigration>> sets = this.sets;
		if (sets == null) {
			synchronized (this) {
				sets = this.sets;
				if (sets == null) {
					sets = assign();
					this.sets = sets;
				}
			}
		}
		return sets;
	}

	private Map<String, List<SmallsMigration>> assign() {
		Map<String, List<SmallsMigration>> sets = new LinkedHashMap<>();
		for (String beanName : this.beanFactory.getBeanNamesForType(SmallsMigration.class)) {
			SmallsMigration migration = this.beanFactory.getBean(beanName, SmallsMigration.class);
			Class<?> type = ClassUtils.getUserClass(migration);
			List<String> claims = new ArrayList<>();
			SmallsSet named = this.beanFactory.findAnnotationOnBean(beanName, SmallsSet.class);
			if (named != null) {
				if (!this.instances.containsKey(named.value())) {
					String closest = SmallsInstances.closest(named.value(), this.instances.keySet());
					throw new InstanceConfigurationException("The migration '" + beanName + "' (" + type.getName()
							+ ") is in @SmallsSet(\"" + named.value() + "\"), and there is no such instance; did you "
							+ "mean '" + closest + "'?", "Name one of the instances configured under "
									+ "smalls.instances (" + String.join(", ", this.instances.keySet())
									+ "), or configure smalls.instances." + named.value() + ".");
				}
				claims.add(named.value());
			}
			this.instances.forEach((name, instance) -> {
				if (!claims.contains(name) && inPackage(type, instance.getMigrationsPackage())) {
					claims.add(name);
				}
			});
			if (claims.size() > 1) {
				throw new InstanceConfigurationException("The migration '" + beanName + "' (" + type.getName()
						+ ") belongs to two instances, '" + claims.get(0) + "' and '" + claims.get(1) + "' ("
						+ why(claims.get(0), named, type) + "; " + why(claims.get(1), named, type) + ").",
						"Give each instance a package of its own (smalls.instances.<name>.migrations-package), "
								+ "not one inside another, and name in @SmallsSet only the instance whose package "
								+ "does not hold the migration.");
			}
			sets.computeIfAbsent(claims.isEmpty() ? "" : claims.get(0), (key) -> new ArrayList<>()).add(migration);
		}
		return sets;
	}

	private String why(String instance, @Nullable SmallsSet named, Class<?> type) {
		return (named != null && named.value().equals(instance)) ? "@SmallsSet(\"" + instance + "\")"
				: "smalls.instances." + instance + ".migrations-package=" + this.instances.get(instance)
					.getMigrationsPackage();
	}

	private static boolean inPackage(Class<?> type, @Nullable String packageName) {
		if (packageName == null || packageName.isBlank()) {
			return false;
		}
		String own = type.getPackageName();
		return own.equals(packageName) || own.startsWith(packageName + ".");
	}

}
