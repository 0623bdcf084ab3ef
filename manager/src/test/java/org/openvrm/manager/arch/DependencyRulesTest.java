package org.openvrm.manager.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The module directions of docs/architecture.md, enforced: core and the drivers never see the manager; the seed's
 * rules depend on nothing but the JDK; the REST model knows no implementation.
 */
class DependencyRulesTest {

    private static JavaClasses classes;

    @BeforeAll
    static void load() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.openvrm");
    }

    @Test
    void coreDependsOnNothingButTheJdk() {
        classes().that().resideInAPackage("org.openvrm.core..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("org.openvrm.core..", "java..")
                .check(classes);
    }

    @Test
    void driversNeverSeeTheManagerOrTheAgent() {
        noClasses().that().resideInAPackage("org.openvrm.driver..")
                .should().dependOnClassesThat().resideInAnyPackage("org.openvrm.manager..", "org.openvrm.agent..",
                        "org.openvrm.protocol..", "org.openvrm.api..")
                .check(classes);
    }

    @Test
    void theAgentNeverSeesTheManager() {
        noClasses().that().resideInAnyPackage("org.openvrm.agent..", "org.openvrm.protocol..")
                .should().dependOnClassesThat().resideInAPackage("org.openvrm.manager..")
                .check(classes);
    }

    @Test
    void theRestModelKnowsNoImplementation() {
        classes().that().resideInAPackage("org.openvrm.api..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("org.openvrm.api..", "java..",
                        "com.fasterxml.jackson.annotation..")
                .check(classes);
    }

    @Test
    void httpIsTheOnlyPlaceThatKnowsJavalin() {
        noClasses().that().resideInAPackage("org.openvrm.manager..").and().resideOutsideOfPackage(
                        "org.openvrm.manager.http..")
                .should().dependOnClassesThat().resideInAPackage("io.javalin..")
                .check(classes);
    }
}
