package dev.baton.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** One place per technology: Redis only in the store, JMS and Artemis only in messaging. */
class LayeringTest {
  private static JavaClasses shared;

  @BeforeAll
  static void importClasses() {
    shared = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("dev.baton");
  }

  @Test
  void onlyTheStoreTalksToRedis() {
    noClasses().that().resideOutsideOfPackage("dev.baton.store..").should().dependOnClassesThat().resideInAPackage("redis.clients..").check(shared);
  }

  /** (dev.baton.broker is the broker itself, from the artemis module.) */
  @Test
  void onlyMessagingTalksJms() {
    noClasses()
        .that()
        .resideOutsideOfPackages("dev.baton.messaging..", "dev.baton.broker..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("jakarta.jms..", "org.apache.activemq..")
        .check(shared);
  }

  @Test
  void theDomainKnowsNoTechnology() {
    noClasses()
        .that()
        .resideInAnyPackage(
            "dev.baton.task..", "dev.baton.cluster..", "dev.baton.event..", "dev.baton.config..", "dev.baton.schedule..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("dev.baton.store..", "dev.baton.messaging..", "redis.clients..", "jakarta.jms..")
        .check(shared);
  }
}
