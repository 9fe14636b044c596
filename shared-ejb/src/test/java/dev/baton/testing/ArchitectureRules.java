package dev.baton.testing;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;

import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.lang.ArchRule;
import jakarta.enterprise.context.NormalScope;

/** Rules every WAR's architecture test checks. */
public final class ArchitectureRules {
  /**
   * A bean of a normal scope is called through Weld's client proxy, which copies {@code synchronized} and
   * locks itself: a method that waits inside keeps every other caller out. Such beans use a private lock.
   */
  public static final ArchRule PROXIED_BEANS_HAVE_NO_SYNCHRONIZED_METHODS =
      methods()
          .that()
          .areDeclaredInClassesThat()
          .areMetaAnnotatedWith(NormalScope.class)
          .should()
          .notHaveModifier(JavaModifier.SYNCHRONIZED)
          .because("Weld's client proxy would hold its own lock while the method runs or waits (ADR 0024)");

  private ArchitectureRules() {}
}
