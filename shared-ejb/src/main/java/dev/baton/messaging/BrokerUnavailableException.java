package dev.baton.messaging;

/** The broker cannot be reached or refused the operation; the caller retries later. */
public class BrokerUnavailableException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public BrokerUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
