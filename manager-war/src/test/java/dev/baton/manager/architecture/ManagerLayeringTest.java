package dev.baton.manager.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.baton.testing.ArchitectureRules;
import dev.baton.testing.WebSecurityRules;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The manager reaches Redis and the broker only through shared-ejb; control never depends on boundary. */
class ManagerLayeringTest {
  private static JavaClasses manager;

  @BeforeAll
  static void importClasses() {
    manager =
        new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("dev.baton.manager");
  }

  @Test
  void noRedisOrJmsInTheManager() {
    noClasses().should().dependOnClassesThat().resideInAnyPackage("redis.clients..", "jakarta.jms..", "org.apache.activemq..").check(manager);
  }

  @Test
  void controlAndEntitiesDoNotDependOnBoundaries() {
    noClasses()
        .that()
        .resideInAnyPackage("..control..", "..entity..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("..boundary..")
        .check(manager);
  }

  /** The one place a login and role check will guard: every action of the REST API goes through Operations. */
  @Test
  void theApiActsThroughOperations() {
    noClasses()
        .that()
        .resideInAPackage("..boundary..")
        .should()
        .dependOnClassesThat()
        .belongToAnyOf(
            dev.baton.manager.tasks.control.TaskSubmission.class,
            dev.baton.manager.tasks.control.TaskCancellation.class,
            dev.baton.manager.tasks.control.TaskRequeue.class,
            dev.baton.manager.tasks.control.BulkTaskActions.class,
            dev.baton.manager.cluster.control.Migrations.class,
            dev.baton.manager.cluster.control.WorkerCommands.class,
            dev.baton.manager.cluster.control.WorkerLauncher.class)
        .check(manager);
    noClasses()
        .that()
        .resideInAPackage("..boundary..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("dev.baton.store..", "dev.baton.messaging..")
        .orShould()
        .callMethod(dev.baton.manager.scenarios.control.ScenarioEngine.class, "start", String.class, dev.baton.manager.operations.Actor.class)
        .check(manager);
  }

  @Test
  void proxiedBeansHaveNoSynchronizedMethods() {
    ArchitectureRules.PROXIED_BEANS_HAVE_NO_SYNCHRONIZED_METHODS.check(manager);
  }

  /** Deny by default: a resource that says nothing about who may call it is closed to everyone (RoleGate). */
  @Test
  void everyResourceSaysWhoMayCallIt() {
    WebSecurityRules.everyResourceSaysWhoMayCallIt(manager);
  }

  /** The container's constraints (web.xml) and the authentication mechanism open the same paths, no more. */
  @Test
  void theDescriptorOpensWhatTheMechanismOpens() throws Exception {
    WebSecurityRules.descriptorAgreesWith(
        java.nio.file.Path.of("src/main/webapp/WEB-INF/web.xml"),
        dev.baton.security.ServedPath.MANAGER,
        java.util.List.of("/login.xhtml", "/baton-error", "/health", "/health/ready", "/metrics", "/openapi", "/openapi/ui/index.html",
            "/jakarta.faces.resource/x.js.xhtml", "/baton/console.css"));
  }
}
