package dev.smalls.architecture;

import java.sql.ResultSet;
import java.sql.Statement;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcOperations;
import org.springframework.jdbc.core.simple.JdbcClient;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The modules by role, enforced across all of them (this module's tests see every one): the
 * engine (smalls-core), the commands (smalls-commands), smalls generate (smalls-generate), the
 * Maven plugin (smalls-maven-plugin) and the wiring (this module). The commands know the
 * engine's API and nothing of Spring Boot; generate knows the engine's API and the commands;
 * the plugin knows the engine's API and the commands, and nothing of Spring Boot; the wiring
 * and the plugin hold no engine logic; and no package reaches back to one that uses it.
 */
class ModuleArchitectureTests {

	/** What the wiring may configure, but not do itself: run SQL. */
	private static final String[] WIRING = { "dev.smalls.autoconfigure..", "dev.smalls.actuate..",
			"dev.smalls.shell..", "dev.smalls.maven.." };

	private static final JavaClasses SMALLS = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		// smalls-core's test-jar, with TestDatabase and test migrations in smalls' packages.
		.withImportOption((location) -> !location.contains("-tests.jar"))
		.importPackages("dev.smalls");

	@Test
	void everyModuleIsThere() {
		// A rule that finds no class passes: make sure each module was imported.
		for (String type : new String[] { "dev.smalls.SmallsMigrator", "dev.smalls.commands.SmallsCommandRunner",
				"dev.smalls.generate.MigrationGenerator", "dev.smalls.autoconfigure.SmallsAutoConfiguration",
				"dev.smalls.actuate.endpoint.SmallsEndpoint", "dev.smalls.shell.OneShotRunner",
				"dev.smalls.maven.AbstractSmallsMojo" }) {
			assertThat(SMALLS.contain(type)).as(type).isTrue();
		}
	}

	@Test
	void thePackagesOfAllModulesHaveNoCycles() {
		slices().assignedFrom(new Packages()).should().beFreeOfCycles().check(SMALLS);
	}

	@Test
	void theCommandsNeedNoSpringBootSpringShellHibernateNorTheEngine() {
		noClasses().that()
			.resideInAnyPackage("dev.smalls.commands..", "dev.smalls.input..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("org.springframework.boot..", "org.springframework.shell..", "org.hibernate..",
					"jakarta.persistence..", "dev.smalls.internal..")
			.check(SMALLS);
	}

	@Test
	void generateKnowsOfSmallsOnlyTheEnginesApiAndTheCommands() {
		noClasses().that()
			.resideInAPackage("dev.smalls.generate..")
			.should()
			.dependOnClassesThat(resideInAnyPackage("dev.smalls..").and(not(resideInAnyPackage("dev.smalls",
					"dev.smalls.schema..", "dev.smalls.dialect..", "dev.smalls.lint..", "dev.smalls.commands..",
					"dev.smalls.generate.."))))
			.check(SMALLS);
	}

	@Test
	void generateNeedsNoSpringBootNorSpringShell() {
		noClasses().that()
			.resideInAPackage("dev.smalls.generate..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("org.springframework.boot..", "org.springframework.shell..")
			.check(SMALLS);
	}

	@Test
	void theMavenPluginKnowsOfSmallsOnlyTheEnginesApiAndTheCommands() {
		noClasses().that()
			.resideInAPackage("dev.smalls.maven..")
			.should()
			.dependOnClassesThat(resideInAnyPackage("dev.smalls..").and(not(resideInAnyPackage("dev.smalls",
					"dev.smalls.dialect", "dev.smalls.lint", "dev.smalls.commands..", "dev.smalls.maven.."))))
			.check(SMALLS);
	}

	@Test
	void theMavenPluginNeedsNoSpringBootSpringShellNorHibernate() {
		noClasses().that()
			.resideInAPackage("dev.smalls.maven..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("org.springframework.boot..", "org.springframework.shell..", "org.hibernate..",
					"jakarta.persistence..")
			.check(SMALLS);
	}

	@Test
	void nothingDependsOnTheMavenPlugin() {
		noClasses().that()
			.resideOutsideOfPackage("dev.smalls.maven..")
			.should()
			.dependOnClassesThat()
			.resideInAPackage("dev.smalls.maven..")
			.check(SMALLS);
	}

	@Test
	void theWiringDoesNotReachIntoTheEngine() {
		noClasses().that()
			.resideInAnyPackage(WIRING)
			.should()
			.dependOnClassesThat()
			.resideInAPackage("dev.smalls.internal..")
			.check(SMALLS);
	}

	@Test
	void theWiringRunsNoSqlOfItsOwn() {
		noClasses().that()
			.resideInAnyPackage(WIRING)
			.should()
			.dependOnClassesThat()
			.areAssignableTo(Statement.class)
			.orShould()
			.dependOnClassesThat()
			.areAssignableTo(ResultSet.class)
			.orShould()
			.dependOnClassesThat()
			.areAssignableTo(JdbcClient.class)
			.orShould()
			.callMethodWhere(DescribedPredicate.describe("a query or an update of a JdbcTemplate",
					(JavaMethodCall call) -> (call.getTargetOwner().isAssignableTo(JdbcOperations.class)
							|| call.getTargetOwner().isAssignableTo(NamedParameterJdbcOperations.class))
							&& call.getName().matches("query.*|update|batchUpdate|execute")))
			.check(SMALLS);
	}

	/**
	 * A slice for each package, but the façades, which sit above the engine in the API's
	 * package, as {@code CoreArchitectureTests} in smalls-core has them.
	 */
	private static final class Packages implements SliceAssignment {

		@Override
		public SliceIdentifier getIdentifierOf(JavaClass type) {
			String name = type.getName();
			String outermost = name.contains("$") ? name.substring(0, name.indexOf('$')) : name;
			if (outermost.equals("dev.smalls.SmallsMigrator") || outermost.equals("dev.smalls.SmallsTenants")
					|| outermost.equals("dev.smalls.SmallsInstances")
					|| outermost.equals("dev.smalls.SmallsDataMigrations")) {
				return SliceIdentifier.of("façade");
			}
			if (!name.startsWith("dev.smalls.")) {
				return SliceIdentifier.ignore();
			}
			return SliceIdentifier.of(type.getPackageName());
		}

		@Override
		public String getDescription() {
			return "the façades and each package of smalls";
		}

	}

}
