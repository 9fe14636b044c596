package dev.baton.store;

import dev.baton.task.DispatchOrder;
import java.time.Instant;
import java.util.List;

/**
 * What one look at the timers took.
 *
 * @param send tasks whose time has come: now CREATED, to be sent to the broker
 * @param leased other due timers, now this caller's to handle for the lease
 * @param nextDue when the earliest remaining timer is due, or {@code null} if none is kept
 */
public record DueTimers(List<DispatchOrder> send, List<Leased> leased, Instant nextDue) {

  /** A due timer of a kind the caller handles, e.g. {@code cron:nightly}. */
  public record Leased(String member, Instant due) {
    public String kind() {
      return member.substring(0, member.indexOf(':'));
    }

    public String subject() {
      return member.substring(member.indexOf(':') + 1);
    }
  }
}
