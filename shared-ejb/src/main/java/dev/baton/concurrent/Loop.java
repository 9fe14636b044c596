package dev.baton.concurrent;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

/**
 * Background threads that run until stopped: the dispatcher, the event tail, heartbeats, slots, ... One
 * stop signal for all of a component's threads, and pauses that end at once when it is given (or when
 * something the loop waits for has happened: {@link #nudge()}).
 */
public final class Loop {
  private final CountDownLatch stopped = new CountDownLatch(1);
  private final List<Thread> threads = new ArrayList<>();
  private final Object pauses = new Object();
  private boolean nudged;

  /** Starts {@code body} on a new thread named {@code name} (threads come from the container's factory). */
  public synchronized void start(ThreadFactory factory, String name, Runnable body) {
    Thread t = factory.newThread(body);
    t.setName(name);
    t.start();
    threads.add(t);
  }

  public boolean isStopping() {
    return stopped.getCount() == 0;
  }

  /** True while some thread runs and no stop was asked. */
  public synchronized boolean isRunning() {
    return !isStopping() && threads.stream().anyMatch(Thread::isAlive);
  }

  /**
   * Waits up to {@code millis}, less if the loop is nudged or stopped; returns true if the loop is
   * stopping (its caller should end).
   */
  public boolean pause(long millis) {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
    synchronized (pauses) {
      try {
        long left;
        while (!nudged && !isStopping() && (left = deadline - System.nanoTime()) > 0) {
          TimeUnit.NANOSECONDS.timedWait(pauses, left);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return true;
      }
      nudged = false;
    }
    return isStopping();
  }

  /** Ends the pause under way (or the next one) now: there is work to do. For loops of one thread. */
  public void nudge() {
    synchronized (pauses) {
      nudged = true;
      pauses.notifyAll();
    }
  }

  /** Asks every thread to stop and waits up to {@code grace} for them all. */
  public void stop(Duration grace) {
    signalStop();
    join(grace);
  }

  /** Gives the stop signal without waiting: pauses end, {@link #isStopping()} turns true. */
  public void signalStop() {
    stopped.countDown();
    synchronized (pauses) {
      pauses.notifyAll();
    }
  }

  /** Waits up to {@code grace} for every thread to end. */
  public void join(Duration grace) {
    List<Thread> all;
    synchronized (this) {
      all = List.copyOf(threads);
    }
    long deadline = System.nanoTime() + grace.toNanos();
    for (Thread t : all) {
      try {
        t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }
}
