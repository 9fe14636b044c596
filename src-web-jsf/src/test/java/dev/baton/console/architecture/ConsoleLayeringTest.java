package dev.baton.console.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.simpleNameEndingWith;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.baton.manager.cluster.control.Migrations;
import dev.baton.manager.cluster.control.WorkerCommands;
import dev.baton.manager.cluster.control.WorkerLauncher;
import dev.baton.manager.scenarios.control.ScenarioEngine;
import dev.baton.manager.tasks.control.TaskSubmission;
import dev.baton.testing.ArchitectureRules;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The console is a boundary: it reads through the lookups, acts through Operations (the one place a role
 * check will guard), and knows nothing of Redis or JMS.
 */
class ConsoleLayeringTest {
  private static JavaClasses console;

  @BeforeAll
  static void importClasses() {
    console = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("dev.baton.console");
  }

  @Test
  void noRedisNoJmsNoStoreNoMessagingInTheConsole() {
    noClasses()
        .should()
        .dependOnClassesThat(
            resideInAnyPackage("redis.clients..", "jakarta.jms..", "org.apache.activemq..", "dev.baton.store..", "dev.baton.messaging..")
                .and(not(simpleNameEndingWith("UnavailableException"))))
        .because("the console calls the manager's application services, never the stores behind them")
        .check(console);
  }

  @Test
  void everyActionGoesThroughOperations() {
    noClasses()
        .should()
        .dependOnClassesThat()
        .belongToAnyOf(
            TaskSubmission.class, dev.baton.manager.tasks.control.TaskCancellation.class,
            dev.baton.manager.tasks.control.TaskRequeue.class, dev.baton.manager.tasks.control.BulkTaskActions.class, Migrations.class,
            WorkerCommands.class, WorkerLauncher.class)
        .because("Operations is the one place a login and role check will guard")
        .check(console);
    noClasses()
        .should()
        .callMethod(ScenarioEngine.class, "start", String.class, dev.baton.manager.operations.Actor.class)
        .orShould()
        .callMethod(ScenarioEngine.class, "abort", String.class)
        .because("scenarios start and stop through Operations too")
        .check(console);
  }

  @Test
  void proxiedBeansHaveNoSynchronizedMethods() {
    ArchitectureRules.PROXIED_BEANS_HAVE_NO_SYNCHRONIZED_METHODS.check(console);
  }
}
