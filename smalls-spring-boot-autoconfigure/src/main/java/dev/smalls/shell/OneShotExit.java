package dev.smalls.shell;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;

/**
 * Ends a one-shot run with the command's exit code once start-up is over. The application's
 * {@code main} cannot be relied on to call {@code System.exit(SpringApplication.exit(..))}.
 */
public class OneShotExit implements ApplicationListener<ApplicationReadyEvent> {

	@Override
	public void onApplicationEvent(ApplicationReadyEvent event) {
		if (!OneShot.commandWords(event.getArgs()).isEmpty()) {
			System.exit(SpringApplication.exit(event.getApplicationContext()));
		}
	}

}
