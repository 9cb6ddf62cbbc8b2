package dev.smalls.sample;

import java.io.File;
import java.util.Map;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.system.ApplicationHome;

/**
 * A to-do service whose schema smalls migrates on start-up.
 */
@SpringBootApplication
public class SampleApplication {

	public static void main(String[] args) {
		SpringApplication application = new SpringApplication(SampleApplication.class);
		// A default, below every other source: -Dsample.data-directory=... still moves it.
		application.setDefaultProperties(Map.of("sample.data-directory", dataDirectory()));
		application.run(args);
	}

	/**
	 * Where the H2 database lives: beside the jar (target/data once Maven has built it), not
	 * in the directory the app happens to be started from. Relative to the working directory,
	 * a command run from another directory would open a new, empty database without a word;
	 * this way the app and its one-shot commands open the same one from anywhere.
	 */
	static String dataDirectory() {
		// The jar, or target/classes when started from an IDE: its parent is target/ either way.
		File source = new ApplicationHome(SampleApplication.class).getSource();
		File home = (source != null) ? source.getAbsoluteFile().getParentFile() : new File(".");
		return new File(home, "data").getAbsolutePath();
	}

}
