package dev.baton.worker.execution;

import dev.baton.task.WriteResult;
import dev.baton.worker.config.WorkerSettings;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * This worker's own record of the attempts it ran, when {@code baton.worker.attempt-log} names a file: a line as each
 * attempt starts and one as it ends, with what Redis said of its outcome. The nemesis' checker reads it beside the
 * tasks' histories - the worker's side of the story: which attempts ran at once, and which outcomes each was told were
 * recorded. Off by default (a line and a flush per attempt are not for the hot path).
 */
@ApplicationScoped
public class AttemptLog {
  private static final Logger LOG = Logger.getLogger(AttemptLog.class.getName());

  @Inject WorkerSettings settings;

  /** One line at a time (a lock, not synchronized: ADR 0024). */
  private final java.util.concurrent.locks.ReentrantLock lock = new java.util.concurrent.locks.ReentrantLock();
  private BufferedWriter out;
  private volatile boolean broken;

  public boolean enabled() {
    return settings.attemptLog() != null && !broken;
  }

  public void started(Execution ex) {
    write("start", ex, null);
  }

  /** @param result what the outcome's write returned: a WriteResult, or null when nothing was (or could be) recorded */
  public void ended(Execution ex, Object result, Throwable error) {
    String recorded;
    if (error != null) {
      recorded = "error";
    } else if (result instanceof WriteResult r) {
      recorded = r.isOk() ? "ok:" + r.status() : "refused:" + r.outcome();
    } else {
      recorded = "none"; // fenced on the way, abandoned, handed over, or Redis stayed down
    }
    write("end", ex, recorded);
  }

  private void write(String event, Execution ex, String recorded) {
    if (!enabled()) {
      return;
    }
    var line = Json.createObjectBuilder()
        .add("event", event)
        .add("at_ms", System.currentTimeMillis())
        .add("worker", settings.workerId())
        .add("task", ex.taskId())
        .add("epoch", ex.epoch())
        .add("attempt", ex.claim().attempt());
    if (recorded != null) {
      line.add("recorded", recorded);
    }
    lock.lock();
    try {
      if (out == null) {
        Files.createDirectories(settings.attemptLog().toAbsolutePath().getParent());
        out = Files.newBufferedWriter(settings.attemptLog(), StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
      }
      out.write(line.build().toString());
      out.newLine();
      out.flush(); // a kill -9 must not take the last lines with it
    } catch (IOException e) {
      broken = true;
      LOG.log(Level.WARNING, "attempt log " + settings.attemptLog() + " cannot be written; no more lines", e);
    } finally {
      lock.unlock();
    }
  }

  @PreDestroy
  void close() {
    lock.lock();
    try {
      if (out != null) {
        out.close();
      }
    } catch (IOException e) {
      LOG.log(Level.FINE, "closing the attempt log", e);
    } finally {
      lock.unlock();
    }
  }
}
