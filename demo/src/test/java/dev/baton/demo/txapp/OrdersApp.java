package dev.baton.demo.txapp;

import dev.baton.client.BatonClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/**
 * A small Jakarta EE application that uses Baton's client the way a shop would: an order placed in a transaction
 * queues its follow-up task only if the transaction commits. {@link AfterCommitIT} deploys it on Payara Micro.
 */
@ApplicationPath("/")
public class OrdersApp extends Application {
  /** The client the application shares (a final class: a pseudo-scoped bean, not a proxied one). */
  @ApplicationScoped
  public static class Clients {
    @Produces
    @Singleton
    BatonClient baton() {
      return BatonClient.builder(System.getProperty("baton.url")).credentialsFromEnvironment().build();
    }
  }
}
