package dev.baton.worker.lifecycle;

import dev.baton.cluster.Heartbeat;
import dev.baton.cluster.TaskTypeInfo;
import dev.baton.cluster.WorkerStatus;
import dev.baton.store.RedisWorkerRegistry;
import dev.baton.store.StoreUnavailableException;
import dev.baton.worker.config.WorkerSettings;
import dev.baton.worker.handlers.HandlerRegistry;
import dev.baton.worker.slots.SlotPool;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * Renews this worker's lease in Redis every heartbeat interval and tells the cluster its load. After a
 * Redis outage (and at the first beat) it also advertises its task types again.
 */
@ApplicationScoped
public class Heartbeats {
  private static final Logger LOG = Logger.getLogger(Heartbeats.class.getName());

  @Resource ManagedThreadFactory threadFactory;
  @Inject WorkerSettings settings;
  @Inject RedisWorkerRegistry registry;
  @Inject HandlerRegistry handlers;
  @Inject SlotPool slots;

  private final CountDownLatch stopped = new CountDownLatch(1);
  private volatile Instant lastSuccess;
  private Thread thread;

  public synchronized void start() {
    thread = threadFactory.newThread(this::loop);
    thread.setName("baton-heartbeat");
    thread.start();
  }

  /** When the last heartbeat reached Redis, or null if none did yet. */
  public Instant lastSuccess() {
    return lastSuccess;
  }

  public synchronized void stop() {
    stopped.countDown();
    if (thread != null) {
      try {
        thread.join(2_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private void loop() {
    boolean advertised = false;
    String host = hostName();
    long pid = ProcessHandle.current().pid();
    while (stopped.getCount() > 0) {
      try {
        if (!advertised) {
          registry.advertise(handlers.all().stream().map(h -> new TaskTypeInfo(h.type(), h.descriptor().toJson())).toList());
          advertised = true;
        }
        registry.heartbeat(
            new Heartbeat(
                settings.workerId(),
                settings.incarnation(),
                WorkerStatus.UP,
                settings.slots(),
                slots.busy(),
                host,
                pid,
                settings.publicUrl(),
                handlers.types()),
            settings.lease());
        lastSuccess = Instant.now();
      } catch (StoreUnavailableException e) {
        if (advertised) {
          LOG.warning(() -> "heartbeat failed, Redis is unavailable: " + e.getMessage());
        }
        advertised = false;
      } catch (RuntimeException e) {
        LOG.warning(() -> "heartbeat failed: " + e);
      }
      try {
        stopped.await(settings.heartbeat().toMillis(), TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (Exception e) {
      return ManagementFactory.getRuntimeMXBean().getName();
    }
  }
}
