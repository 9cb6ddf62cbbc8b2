package dev.smalls.shell;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;

/**
 * Commands typed at the prompt of {@link ShellTestApplication} with its three migrations,
 * {@code smalls create} writing to {@code target/shell-tests/created}, and a lock held by
 * another instance waited for 300 ms. Every test class so annotated shares one application
 * context (Spring's test context cache keys it by this configuration), so each of its tests
 * starts from an empty database of its own making.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(classes = ShellTestApplication.class,
		properties = { "spring.datasource.url=jdbc:h2:mem:shell-commands;DB_CLOSE_DELAY=-1",
				"smalls.create.directory=target/shell-tests/created", "smalls.create.package=com.example.migrations",
				"smalls.lock-timeout=300ms" })
@interface ShellSessionTest {

}
