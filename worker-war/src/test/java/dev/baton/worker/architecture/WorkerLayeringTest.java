package dev.baton.worker.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.baton.testing.ArchitectureRules;
import dev.baton.testing.WebSecurityRules;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Handlers are plain computations: they know nothing of Redis, the broker or the runner around them. */
class WorkerLayeringTest {
  private static JavaClasses worker;

  @BeforeAll
  static void importClasses() {
    worker = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("dev.baton.worker");
  }

  @Test
  void noRedisOrJmsInTheWorker() {
    noClasses().should().dependOnClassesThat().resideInAnyPackage("redis.clients..", "jakarta.jms..", "org.apache.activemq..").check(worker);
  }

  @Test
  void handlersDependOnNeitherStoreNorMessagingNorRunner() {
    noClasses()
        .that()
        .resideInAPackage("dev.baton.worker.handlers..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("dev.baton.store..", "dev.baton.messaging..", "dev.baton.worker.execution..", "dev.baton.worker.slots..")
        .check(worker);
  }

  @Test
  void proxiedBeansHaveNoSynchronizedMethods() {
    ArchitectureRules.PROXIED_BEANS_HAVE_NO_SYNCHRONIZED_METHODS.check(worker);
  }

  /** Deny by default: a resource that says nothing about who may call it is closed to everyone (RoleGate). */
  @Test
  void everyResourceSaysWhoMayCallIt() {
    WebSecurityRules.everyResourceSaysWhoMayCallIt(worker);
  }

  /** The container's constraints (web.xml) and the authentication mechanism open the same paths, no more. */
  @Test
  void theDescriptorOpensWhatTheMechanismOpens() throws Exception {
    WebSecurityRules.descriptorAgreesWith(
        java.nio.file.Path.of("src/main/webapp/WEB-INF/web.xml"),
        dev.baton.security.ServedPath.WORKER,
        java.util.List.of("/baton-error", "/health", "/health/live", "/metrics", "/openapi"));
  }
}
