package dev.smalls.autoconfigure;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.orm.jpa.JpaTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.util.ClassUtils;

/**
 * Which of the application's transaction managers a data migration's batches run in: its
 * JPA transaction manager, when there is exactly one transaction manager and it manages the
 * migrated {@code DataSource}. Then a repository a batch uses reads and writes in the batch's
 * transaction, which commits with the batch's progress. Otherwise smalls' own transactions,
 * which JDBC templates on the migrated {@code DataSource} join.
 */
final class DataTransactionManagers {

	private static final boolean JPA_PRESENT = ClassUtils.isPresent("org.springframework.orm.jpa.JpaTransactionManager",
			DataTransactionManagers.class.getClassLoader());

	private DataTransactionManagers() {
	}

	static @Nullable PlatformTransactionManager joining(ObjectProvider<PlatformTransactionManager> managers,
			DataSource dataSource) {
		if (!JPA_PRESENT) {
			return null;
		}
		PlatformTransactionManager manager = managers.getIfUnique();
		return (manager != null && Jpa.manages(manager, dataSource)) ? manager : null;
	}

	/** Kept apart so that this class loads without spring-orm. */
	private static final class Jpa {

		static boolean manages(PlatformTransactionManager manager, DataSource dataSource) {
			return manager instanceof JpaTransactionManager jpa && jpa.getDataSource() == dataSource;
		}

	}

}
