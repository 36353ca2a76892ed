package dev.ktrdr.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The layers: operations ← workers ← agent ← {api, cli, desktop} ← app; wire ← {api, cli, remote};
 * remote ← {cli, desktop, app}.
 */
class LayerRulesTest {
  private static JavaClasses classes;

  @BeforeAll
  static void importClasses() {
    classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.ktrdr");
  }

  @Test
  void operationsKnowsNoHigherLayer() {
    noClasses()
        .that()
        .resideInAnyPackage("dev.ktrdr.operations..", "dev.ktrdr.db..", "dev.ktrdr.config..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "dev.ktrdr.workers..",
            "dev.ktrdr.agent..",
            "dev.ktrdr.api..",
            "dev.ktrdr.cli..",
            "dev.ktrdr.desktop..",
            "dev.ktrdr.app..")
        .because("the record of work must not depend on who does the work or shows it")
        .check(classes);
  }

  @Test
  void workersKnowNoHigherLayer() {
    noClasses()
        .that()
        .resideInAPackage("dev.ktrdr.workers..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "dev.ktrdr.agent..",
            "dev.ktrdr.api..",
            "dev.ktrdr.cli..",
            "dev.ktrdr.desktop..",
            "dev.ktrdr.app..")
        .because("workers run jobs for anyone; the research logic sits above them")
        .check(classes);
  }

  @Test
  void agentKnowsNoFace() {
    noClasses()
        .that()
        .resideInAPackage("dev.ktrdr.agent..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "dev.ktrdr.api..", "dev.ktrdr.cli..", "dev.ktrdr.desktop..", "dev.ktrdr.app..")
        .because("the desktop, the API and the CLI all call the same service layer")
        .check(classes);
  }

  @Test
  void facesDoNotReachIntoEachOther() {
    noClasses()
        .that()
        .resideInAPackage("dev.ktrdr.cli..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "dev.ktrdr.desktop..", "dev.ktrdr.agent..", "dev.ktrdr.workers..", "dev.ktrdr.db..")
        .because("the CLI is a thin HTTP client of the API, not a second engine")
        .check(classes);
    noClasses()
        .that()
        .resideInAPackage("dev.ktrdr.api..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("dev.ktrdr.desktop..", "dev.ktrdr.cli..")
        .because("the API serves the service layer, not the other faces")
        .check(classes);
  }

  @Test
  void theRemoteClientKnowsOnlyTheWire() {
    noClasses()
        .that()
        .resideInAPackage("dev.ktrdr.remote..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "dev.ktrdr.operations..",
            "dev.ktrdr.db..",
            "dev.ktrdr.workers..",
            "dev.ktrdr.agent..",
            "dev.ktrdr.api..",
            "dev.ktrdr.cli..",
            "dev.ktrdr.desktop..",
            "dev.ktrdr.app..",
            "javafx..")
        .because("a connected console has no engine of its own: it speaks the wire model over HTTP")
        .check(classes);
    noClasses()
        .that()
        .resideInAnyPackage(
            "dev.ktrdr.operations..",
            "dev.ktrdr.db..",
            "dev.ktrdr.config..",
            "dev.ktrdr.workers..",
            "dev.ktrdr.agent..",
            "dev.ktrdr.api..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("dev.ktrdr.remote..")
        .because("the remote client sits beside the faces, not under the engine")
        .check(classes);
  }

  @Test
  void theWireModelKnowsOnlyJackson() {
    classes()
        .that()
        .resideInAPackage("dev.ktrdr.wire..")
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage("dev.ktrdr.wire..", "java..", "com.fasterxml.jackson..")
        .because("the wire records are shared by the server and the CLI, and know nothing else")
        .check(classes);
  }

  @Test
  void theEngineKnowsNoWireFormat() {
    noClasses()
        .that()
        .resideInAnyPackage(
            "dev.ktrdr.operations..",
            "dev.ktrdr.db..",
            "dev.ktrdr.config..",
            "dev.ktrdr.workers..",
            "dev.ktrdr.agent..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("dev.ktrdr.wire..")
        .orShould()
        .dependOnClassesThat()
        .resideInAPackage("com.fasterxml.jackson.annotation..")
        .because("service results carry no wire names or annotations; the API maps them")
        .check(classes);
  }

  @Test
  void onlyTheDesktopUsesJavaFxScenesAndStages() {
    noClasses()
        .that()
        .resideOutsideOfPackage("dev.ktrdr.desktop..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("javafx.scene..", "javafx.stage..")
        .because("below the desktop only javafx.concurrent and javafx.beans are allowed")
        .check(classes);
  }

  @Test
  void serviceLayerUsesOnlyConcurrentAndBeansOfJavaFx() {
    noClasses()
        .that()
        .resideInAnyPackage("dev.ktrdr.operations..", "dev.ktrdr.workers..", "dev.ktrdr.agent..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "javafx.application..", "javafx.scene..", "javafx.stage..", "javafx.fxml..")
        .because("the toolkit is started by the application, not by the service layer")
        .check(classes);
  }

  @Test
  void onlyTheCliAndTheAppWriteToStandardStreams() {
    noClasses()
        .that()
        .resideOutsideOfPackages("dev.ktrdr.cli..", "dev.ktrdr.app..")
        .and()
        .doNotHaveFullyQualifiedName("dev.ktrdr.Main")
        .should()
        .accessField(System.class, "out")
        .orShould()
        .accessField(System.class, "err")
        .because("everything else logs through SLF4J")
        .check(classes);
  }

  @Test
  void loggingOnlyThroughSlf4j() {
    noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "java.util.logging..", "org.apache.log4j..", "org.apache.logging.log4j..")
        .because("one logging facade, configured in one place")
        .check(classes);
  }
}
