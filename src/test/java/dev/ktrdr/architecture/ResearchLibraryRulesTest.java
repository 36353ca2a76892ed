package dev.ktrdr.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The research engine is a library: nothing of the console's layers reaches into it. */
class ResearchLibraryRulesTest {
  private static JavaClasses classes;

  @BeforeAll
  static void importClasses() {
    classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.ktrdr");
  }

  @Test
  void researchDependsOnNoOtherKtrdrPackage() {
    noClasses()
        .that()
        .resideInAPackage("dev.ktrdr.research..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "dev.ktrdr.operations..",
            "dev.ktrdr.db..",
            "dev.ktrdr.config..",
            "dev.ktrdr.workers..",
            "dev.ktrdr.agent..",
            "dev.ktrdr.api..",
            "dev.ktrdr.cli..",
            "dev.ktrdr.desktop..",
            "dev.ktrdr.app..")
        .orShould()
        .dependOnClassesThat()
        .haveFullyQualifiedName("dev.ktrdr.Main")
        .because(
            "an in-process worker, a remote worker process and the CLI backtest all run the same"
                + " research code, so it must not need the console around it")
        .check(classes);
  }

  @Test
  void researchUsesNoJavaFx() {
    noClasses()
        .that()
        .resideInAPackage("dev.ktrdr.research..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("javafx..")
        .because("a remote worker process runs the research code without any toolkit")
        .check(classes);
  }
}
