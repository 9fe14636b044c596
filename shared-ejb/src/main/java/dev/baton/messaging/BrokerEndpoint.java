package dev.baton.messaging;

import java.util.Objects;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

/**
 * The broker and who a client is to it: its URL and a user with its password (both null: a broker without
 * security, as the tests' embedded ones). The password never appears in {@link #toString()}.
 */
public record BrokerEndpoint(String url, String user, String password) {
  public BrokerEndpoint {
    Objects.requireNonNull(url, "url");
    if ((user == null) != (password == null)) {
      throw new IllegalArgumentException("a broker user needs a password and a password a user");
    }
  }

  /** A broker that asks for no credentials. */
  public static BrokerEndpoint of(String url) {
    return new BrokerEndpoint(url, null, null);
  }

  /** With credentials if {@code user} is set (blank counts as unset). */
  public static BrokerEndpoint of(String url, String user, String password) {
    return user == null || user.isBlank() ? of(url) : new BrokerEndpoint(url, user, password == null ? "" : password);
  }

  /** A connection factory for this broker with these URL parameters. */
  ActiveMQConnectionFactory factory(String parameters) {
    ActiveMQConnectionFactory f = new ActiveMQConnectionFactory(BrokerUrls.withParameters(url, parameters));
    if (user != null) {
      f.setUser(user);
      f.setPassword(password);
    }
    return f;
  }

  @Override
  public String toString() {
    return user == null ? url : user + "@" + url;
  }
}
