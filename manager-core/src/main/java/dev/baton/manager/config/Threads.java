package dev.baton.manager.config;

import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * The container's default thread factory and executor, for the manager's background work. Looked up by
 * name: Payara binds no {@code @Resource} of a class in a jar under WEB-INF/lib (this module and the
 * console's), so field injection fails at deployment.
 */
@ApplicationScoped
public class Threads {
  private volatile ManagedThreadFactory factory;
  private volatile ManagedExecutorService executor;

  public ManagedThreadFactory factory() {
    if (factory == null) {
      factory = lookup("java:comp/DefaultManagedThreadFactory");
    }
    return factory;
  }

  public ManagedExecutorService executor() {
    if (executor == null) {
      executor = lookup("java:comp/DefaultManagedExecutorService");
    }
    return executor;
  }

  private static <T> T lookup(String name) {
    try {
      return InitialContext.doLookup(name);
    } catch (NamingException e) {
      throw new IllegalStateException("the container's " + name + " is missing", e);
    }
  }
}
