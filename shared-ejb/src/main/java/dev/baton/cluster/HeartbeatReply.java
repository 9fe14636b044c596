package dev.baton.cluster;

/**
 * What the registry knew before a heartbeat.
 *
 * @param previousStatus empty if the worker was unknown; FAILED means this process was declared dead
 * @param previousIncarnation the process that heartbeat last under this worker id
 */
public record HeartbeatReply(String previousStatus, String previousIncarnation) {

  /** This very process was declared failed (it was paused, partitioned, ...): its tasks were taken away. */
  public boolean wasDeclaredFailed(String incarnation) {
    return "FAILED".equals(previousStatus) && incarnation.equals(previousIncarnation);
  }
}
