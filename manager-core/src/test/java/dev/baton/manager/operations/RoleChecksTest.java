package dev.baton.manager.operations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.baton.manager.refusal.Refusal;
import dev.baton.security.Role;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Every action refuses a caller whose role does not allow it before it touches anything: Operations is called
 * here with none of its collaborators, so an action that did something first would fail with a
 * NullPointerException instead of the refusal.
 */
class RoleChecksTest {
  @Test
  void everyActionChecksTheRoleFirst() throws Exception {
    int checked = 0;
    for (Method m : Operations.class.getDeclaredMethods()) {
      if (!Modifier.isPublic(m.getModifiers()) || !Arrays.asList(m.getParameterTypes()).contains(Actor.class)) {
        continue;
      }
      for (Role role : new Role[] {null, Role.VIEWER}) {
        Refusal r = refusal(m, new Actor("api", "mallory", role));
        assertEquals(Refusal.Kind.FORBIDDEN, r.kind(), m.getName());
      }
      checked++;
    }
    assertTrue(checked >= 25, "found only " + checked + " actions");
  }

  @Test
  void operatorsActOnTasksButNotOnWorkersSchedulesOrDeletes() throws Exception {
    for (String admin : new String[] {"fail", "overload", "recover", "restart", "delete", "purge", "createSchedule", "startScenario", "createWebhook", "setQueueOwner"}) {
      Method m = Arrays.stream(Operations.class.getMethods()).filter(x -> x.getName().equals(admin)).findFirst().orElseThrow();
      assertEquals(Refusal.Kind.FORBIDDEN, refusal(m, new Actor("api", "olga", Role.OPERATOR)).kind(), admin);
    }
    for (String operator : new String[] {"cancel", "migrate", "setQueueState", "acceptBatch"}) {
      Method m = Arrays.stream(Operations.class.getMethods()).filter(x -> x.getName().equals(operator)).findFirst().orElseThrow();
      Throwable t = invoke(m, new Actor("api", "olga", Role.OPERATOR));
      // allowed: it goes on to its collaborators, which this test leaves out
      assertInstanceOf(NullPointerException.class, t, operator);
    }
  }

  private static Refusal refusal(Method m, Actor actor) throws Exception {
    Throwable t = invoke(m, actor);
    if (t instanceof Refusal r) {
      return r;
    }
    return fail(m.getName() + " did not refuse " + actor.role() + " first: " + t);
  }

  private static Throwable invoke(Method m, Actor actor) throws Exception {
    Object[] args = new Object[m.getParameterCount()];
    Class<?>[] types = m.getParameterTypes();
    for (int i = 0; i < args.length; i++) {
      args[i] = types[i] == Actor.class ? actor : types[i] == int.class ? (Object) 1 : types[i] == double.class ? (Object) 1.0 : null;
    }
    try {
      m.invoke(new Operations(), args);
      return null;
    } catch (InvocationTargetException e) {
      return e.getCause();
    }
  }
}
