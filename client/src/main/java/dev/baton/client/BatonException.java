package dev.baton.client;

/** The manager could not be reached or answered something that is not the API's (see {@link ProblemException} for its refusals). */
public class BatonException extends RuntimeException {
  public BatonException(String message, Throwable cause) {
    super(message, cause);
  }

  public BatonException(String message) {
    super(message);
  }
}
