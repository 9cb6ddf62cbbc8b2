package dev.smalls.shell;

import java.util.List;

import org.springframework.beans.factory.BeanFactoryInitializer;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.boot.context.event.ApplicationPreparedEvent;
import org.springframework.context.ApplicationListener;

import dev.smalls.SmallsException;
import dev.smalls.SmallsMigrator;

/**
 * Reads the migration status before JPA starts in {@code java -jar app.jar smalls generate ...},
 * the one command that starts JPA. Spring creates the entity manager factory while the
 * application starts, before any command runs, and Hibernate, finding no database (or an H2
 * file another process holds), stops the start-up with a page of stack trace ending in "Unable
 * to determine Dialect without JDBC metadata". Read first, the same trouble is said as
 * {@code smalls status} says it (generate reads the status first anyway). Spring calls
 * {@link BeanFactoryInitializer} beans before it creates the application's beans, the entity
 * manager factory among them. Added to the application by
 * {@link OneShotEnvironmentPostProcessor} for one-shot runs only.
 */
final class GenerateDatabaseCheck implements ApplicationListener<ApplicationPreparedEvent> {

	@Override
	public void onApplicationEvent(ApplicationPreparedEvent event) {
		List<String> words = OneShot.commandWords(event.getArgs());
		if (words.size() < 2 || !words.get(1).equals("generate")) {
			return;
		}
		String typed = String.join(" ", words);
		BeanFactoryInitializer<ListableBeanFactory> check = (beanFactory) -> check(beanFactory, typed);
		event.getApplicationContext().getBeanFactory().registerSingleton("smallsGenerateDatabaseCheck", check);
	}

	private static void check(ListableBeanFactory beanFactory, String typed) {
		// Without a migrator there is no generate command either, and OneShotRunner says why.
		SmallsMigrator migrator = beanFactory.getBeanProvider(SmallsMigrator.class).getIfUnique();
		if (migrator == null) {
			return;
		}
		try {
			migrator.status();
		}
		catch (SmallsException ex) {
			throw new OneShotCommandFailure("generate", typed, ex);
		}
	}

}
