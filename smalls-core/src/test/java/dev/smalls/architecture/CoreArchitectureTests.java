package dev.smalls.architecture;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The layering of smalls-core, enforced: the façades ({@code SmallsMigrator},
 * {@code SmallsTenants}) use the engine ({@code internal}), which uses schema operations,
 * dialects and the API types; the dialect SPI uses nothing else of smalls, and the locks not
 * even the dialects; nothing outside the engine sees its types; and no layer reaches back.
 */
class CoreArchitectureTests {

	private static final JavaClasses CORE = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("dev.smalls");

	@Test
	void theLayersHaveNoCycles() {
		slices().assignedFrom(new Layers()).should().beFreeOfCycles().check(CORE);
	}

	@Test
	void dialectsDependOnNothingElseOfSmalls() {
		noClasses().that()
			.resideInAPackage("dev.smalls.dialect..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("dev.smalls", "dev.smalls.internal..", "dev.smalls.schema..")
			.check(CORE);
	}

	@Test
	void locksDependOnNoDialect() {
		noClasses().that()
			.resideInAPackage("dev.smalls.dialect.lock..")
			.should()
			.dependOnClassesThat()
			.resideInAPackage("dev.smalls.dialect")
			.check(CORE);
	}

	@Test
	void onlyTheFacadesReachTheEngine() {
		noClasses().that()
			.resideOutsideOfPackage("dev.smalls.internal..")
			.and()
			.doNotHaveFullyQualifiedName("dev.smalls.SmallsMigrator")
			.should()
			.dependOnClassesThat()
			.resideInAPackage("dev.smalls.internal..")
			.check(CORE);
	}

	@Test
	void theEngineShowsNoInternalTypeOutside() {
		classes().that()
			.resideInAPackage("dev.smalls.internal..")
			.and()
			.arePublic()
			.should()
			.haveFullyQualifiedName("dev.smalls.internal.Engine")
			.orShould()
			.haveFullyQualifiedName("dev.smalls.internal.Engine$Settings")
			.check(CORE);
		methods().that()
			.areDeclaredIn(dev.smalls.internal.Engine.class)
			.and()
			.arePublic()
			.should()
			.haveRawReturnType(com.tngtech.archunit.base.DescribedPredicate.describe("a type outside the engine",
					(JavaClass type) -> !type.getPackageName().startsWith("dev.smalls.internal")))
			.check(CORE);
	}

	@Test
	void theEngineNeedsNoSpringBoot() {
		noClasses().should().dependOnClassesThat().resideInAPackage("org.springframework.boot..").check(CORE);
	}

	/**
	 * The layers: a package each, but the façades, which sit above the engine in the API's
	 * package, as Flyway's {@code Flyway} sits above its {@code internal}.
	 */
	private static final class Layers implements SliceAssignment {

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
			return "the façades and each package of smalls-core";
		}

	}

}
