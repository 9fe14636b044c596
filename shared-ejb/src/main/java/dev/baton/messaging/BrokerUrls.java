package dev.baton.messaging;

import jakarta.jms.ConnectionFactory;

/**
 * Connection factories for the two kinds of clients. Reconnection is Baton's own (close, back off, open
 * again), so the client library's transparent reconnect is off: a broken connection fails fast and
 * visibly instead of blocking a send.
 */
public final class BrokerUrls {
  private static final String COMMON =
      "reconnectAttempts=0&callTimeout=10000&connectionTTL=10000&clientFailureCheckPeriod=2000";

  private BrokerUrls() {}

  /** For senders: sends are grouped in transactions, so the commit is the only blocking call. */
  public static ConnectionFactory producer(BrokerEndpoint broker) {
    return broker.factory(COMMON);
  }

  /** For workers: no prefetch, so an idle worker is never starved by one holding messages it cannot run. */
  public static ConnectionFactory consumer(BrokerEndpoint broker) {
    return broker.factory(COMMON + "&consumerWindowSize=0");
  }

  /**
   * For a worker's control queue: no prefetch, and every acknowledgement confirmed by the broker before the
   * command is acted on, so a simulated crash (the process halts right after) is never delivered again to
   * the worker's next process.
   */
  public static ConnectionFactory control(BrokerEndpoint broker) {
    return broker.factory(COMMON + "&consumerWindowSize=0&blockOnAcknowledge=true");
  }

  static String withParameters(String url, String parameters) {
    return url + (url.contains("?") ? "&" : "?") + parameters;
  }
}
