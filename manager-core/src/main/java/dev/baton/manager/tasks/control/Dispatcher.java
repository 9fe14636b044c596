package dev.baton.manager.tasks.control;

import dev.baton.concurrent.Loop;
import dev.baton.manager.cluster.control.LiveWorkers;
import dev.baton.manager.config.ManagerSettings;
import dev.baton.messaging.BrokerUnavailableException;
import dev.baton.messaging.JmsTaskDispatch;
import dev.baton.store.RedisTaskStore;
import dev.baton.store.StoreUnavailableException;
import dev.baton.task.DispatchOrder;
import dev.baton.manager.config.Threads;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Puts accepted tasks on the broker. Submissions hand their orders over after the tasks are stored in
 * Redis; one thread sends them in transactions of up to {@code batch-size} messages. Once a second it
 * also takes the tasks whose send is due again from Redis (never claimed within the dispatch timeout, or
 * the send failed, or this manager died before sending): so a broker outage, or a lost message, delays a
 * task but never loses it.
 */
@ApplicationScoped
public class Dispatcher {
  private static final Logger LOG = Logger.getLogger(Dispatcher.class.getName());
  private static final Duration RETRY_AFTER_FAILURE = Duration.ofSeconds(1);
  private static final long DUE_SCAN_MS = 1_000;
  private static final int QUEUE_CAPACITY = 200_000;
  private static final Duration NO_WORKER_FOR_TYPE = Duration.ofSeconds(2);

  @Inject Threads threads;
  @Inject ManagerSettings settings;
  @Inject dev.baton.messaging.BrokerEndpoint brokerEndpoint;
  @Inject RedisTaskStore store;
  @Inject LiveWorkers live;

  private final BlockingQueue<DispatchOrder> queue = new LinkedBlockingQueue<>(QUEUE_CAPACITY);
  private final Loop loop = new Loop();
  private volatile boolean brokerUp;
  private volatile Instant lastSend;
  private volatile String lastError;
  /** Turns through the workers that take a type or queue not every worker takes (dispatcher thread only). */
  private int spread;
  public void start() {
    JmsTaskDispatch broker = new JmsTaskDispatch(brokerEndpoint, JmsTaskDispatch.TARGETED_TIME_TO_LIVE);
    // Connect on the deploying thread, before any background thread: Payara closes the WAR's jars as the
    // deployment ends, and a thread loading the broker client's classes at that moment fails for good
    // (seen: NoClassDefFoundError for Netty on every send after a manager restart; ADR 0015).
    try {
      broker.connect();
    } catch (BrokerUnavailableException e) {
      LOG.warning(() -> "broker not reachable at start, tasks are sent when it is: " + e.getMessage());
    }
    loop.start(threads.factory(), "baton-dispatcher", () -> run(broker));
  }

  public void stop() {
    loop.stop(Duration.ofSeconds(5));
  }

  /** Sends these soon. If the queue is full they are sent by the due scan instead: they are in Redis. */
  public void enqueue(List<DispatchOrder> orders) {
    for (DispatchOrder o : orders) {
      if (!queue.offer(o)) {
        LOG.fine("dispatch queue full; the due scan sends the rest");
        return;
      }
    }
  }

  public boolean isBrokerUp() {
    return brokerUp;
  }

  public Instant lastSend() {
    return lastSend;
  }

  public String lastError() {
    return lastError;
  }

  public int queued() {
    return queue.size();
  }

  public boolean isRunning() {
    return loop.isRunning();
  }

  private void run(JmsTaskDispatch broker) {
    long backoff = 0;
    long nextDueScan = 0;
    try (broker) {
      while (!loop.isStopping()) {
        try {
          List<DispatchOrder> batch = new ArrayList<>();
          DispatchOrder first = queue.poll(Math.max(1, nextDueScan - System.currentTimeMillis()), TimeUnit.MILLISECONDS);
          if (first != null) {
            batch.add(first);
            queue.drainTo(batch, settings.dispatchBatch() - 1);
          }
          if (System.currentTimeMillis() >= nextDueScan) {
            nextDueScan = System.currentTimeMillis() + DUE_SCAN_MS;
            batch.addAll(takeDue());
          }
          batch = route(batch);
          if (batch.isEmpty()) {
            continue;
          }
          if (send(broker, batch)) {
            backoff = 0;
          } else {
            backoff = backoff == 0 ? 200 : Math.min(backoff * 2, 5_000);
            loop.pause(backoff);
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        } catch (RuntimeException e) {
          LOG.log(Level.SEVERE, "dispatcher error, continuing", e);
        }
      }
    }
  }

  /**
   * A type that not every live worker runs, or a queue not every one takes from, is sent to those that do,
   * in turn; one no live worker takes waits in Redis (due again shortly) instead of bouncing between workers.
   */
  private List<DispatchOrder> route(List<DispatchOrder> orders) {
    List<DispatchOrder> routed = new ArrayList<>(orders.size());
    List<String> waiting = new ArrayList<>();
    Map<String, Optional<List<String>>> byTypeAndQueue = new HashMap<>();
    try {
      for (DispatchOrder o : orders) {
        if (o.targetWorker() != null) {
          routed.add(o);
          continue;
        }
        Optional<List<String>> takers = byTypeAndQueue.computeIfAbsent(o.type() + '\n' + o.queue(), k -> live.takers(o.type(), o.queue()));
        if (takers.isEmpty()) {
          routed.add(o);
        } else if (takers.get().isEmpty()) {
          waiting.add(o.taskId());
        } else { // spread over the workers that take it
          routed.add(o.withTarget(takers.get().get(Math.floorMod(spread++, takers.get().size()))));
        }
      }
      store.retrySendLater(waiting, NO_WORKER_FOR_TYPE);
    } catch (StoreUnavailableException e) {
      return orders;
    }
    return routed;
  }

  private List<DispatchOrder> takeDue() {
    try {
      return store.takeDueDispatches(settings.dispatchBatch(), settings.dispatchTimeout());
    } catch (StoreUnavailableException e) {
      return List.of();
    }
  }

  /** Sends in transactions of up to batch-size messages; on failure the unsent tasks are due again shortly. */
  private boolean send(JmsTaskDispatch broker, List<DispatchOrder> orders) {
    List<List<DispatchOrder>> messages = MessagePacking.pack(orders, tasksPerMessage(orders.size()));
    for (int from = 0; from < messages.size(); from += settings.dispatchBatch()) {
      List<List<DispatchOrder>> chunk = messages.subList(from, Math.min(messages.size(), from + settings.dispatchBatch()));
      try {
        broker.sendGrouped(chunk);
        brokerUp = true;
        lastSend = Instant.now();
      } catch (BrokerUnavailableException e) {
        if (brokerUp || lastError == null) {
          LOG.warning(() -> "broker unavailable, tasks stay accepted and are sent when it is back: " + e.getMessage());
        }
        brokerUp = false;
        lastError = e.getMessage();
        List<String> unsent = messages.subList(from, messages.size()).stream().flatMap(List::stream).map(DispatchOrder::taskId).toList();
        try {
          store.retrySendLater(unsent, RETRY_AFTER_FAILURE);
        } catch (StoreUnavailableException redisDown) {
          LOG.fine("Redis down too; the tasks are due again after the dispatch timeout");
        }
        return false;
      }
    }
    return true;
  }

  /**
   * How many tasks a message carries now: one each while there are no more than live workers to take them (an
   * idle cluster starts each at once, anywhere); with a deeper backlog as many as spread the tasks over the
   * workers, up to the setting and to the fewest slots a worker has (more would be handed back).
   */
  private int tasksPerMessage(int backlog) {
    List<dev.baton.cluster.WorkerRecord> workers;
    try {
      workers = live.all();
    } catch (StoreUnavailableException e) {
      return 1;
    }
    if (workers.isEmpty() || backlog <= workers.size()) {
      return 1;
    }
    int fewestSlots = workers.stream().mapToInt(dev.baton.cluster.WorkerRecord::slots).filter(n -> n > 0).min().orElse(1);
    int spread = (backlog + workers.size() - 1) / workers.size();
    return Math.max(1, Math.min(spread, Math.min(settings.tasksPerMessage(), fewestSlots)));
  }
}
