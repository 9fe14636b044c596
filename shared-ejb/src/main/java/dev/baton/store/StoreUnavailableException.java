package dev.baton.store;

/** Redis cannot be reached or did not answer in time. Callers answer 503 or retry later. */
public class StoreUnavailableException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public StoreUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
