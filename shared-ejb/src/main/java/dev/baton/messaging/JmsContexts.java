package dev.baton.messaging;

import jakarta.jms.JMSContext;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Closing a context that may already be broken (the usual case after a failure) must not throw. */
final class JmsContexts {
  private static final Logger LOG = Logger.getLogger(JmsContexts.class.getName());

  private JmsContexts() {}

  /** Closes {@code context} if there is one; always returns null, for {@code context = closeQuietly(context)}. */
  static JMSContext closeQuietly(JMSContext context) {
    if (context != null) {
      try {
        context.close();
      } catch (RuntimeException e) {
        LOG.log(Level.FINE, "closing a broken context", e);
      }
    }
    return null;
  }
}
