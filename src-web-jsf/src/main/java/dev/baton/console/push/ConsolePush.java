package dev.baton.console.push;

import dev.baton.concurrent.Loop;
import dev.baton.console.charts.ChartSeries;
import dev.baton.event.BatonEvent;
import dev.baton.manager.cluster.control.ClusterView;
import dev.baton.manager.cluster.entity.ClusterPicture;
import dev.baton.manager.config.Threads;
import dev.baton.manager.scenarios.entity.ScenarioRun;
import dev.baton.manager.security.Accounts;
import dev.baton.manager.tasks.control.TaskOwners;
import dev.baton.security.AccountsChanged;
import dev.baton.security.Role;
import dev.baton.security.User;
import dev.baton.store.StoreUnavailableException;
import dev.baton.task.ProgressTick;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.BeforeDestroyed;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.faces.event.WebsocketEvent;
import jakarta.faces.push.Push;
import jakarta.faces.push.PushContext;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Pushes the cluster to every open console page over the Faces WebSocket channel {@value #CHANNEL} (one per user:
 * an admin's pages get the whole cluster, a viewer's or operator's their own tasks, {@link OwnPicture}), fed by
 * the manager's CDI events (the same the SSE stream sends) and the workers' progress ticks. Coalesced: at
 * most one push every {@value #EVERY_MS} ms whatever the event rate, and one a second when nothing
 * happens. With no page open it does nothing at all: the event observers only look at a counter.
 */
@ApplicationScoped
public class ConsolePush {
  public static final String CHANNEL = "cluster";
  static final long EVERY_MS = 250;
  static final long KEEP_ALIVE_MS = 1_000;
  /** How many of the oldest waiting tasks the picture's queue box shows. */
  public static final int QUEUE_SHOWN = 24;
  private static final Logger LOG = Logger.getLogger(ConsolePush.class.getName());

  @Inject Threads threads;
  @Inject @Push(channel = CHANNEL) PushContext channel;
  @Inject ClusterView cluster;
  @Inject ChartSeries charts;

  @Inject TaskOwners owners;
  @Inject Accounts accounts;

  /** What a page is told when its user's account changed (role, password, deleted): it loads itself again. */
  static final String ACCOUNT_CHANGED = "{\"account\":\"changed\"}";

  /** The account of each user with pages open, as it was when last looked at: empty once the user is deleted. */
  private final ConcurrentHashMap<String, Optional<User>> accountOf = new ConcurrentHashMap<>();

  private final PushCoalescer coalescer = new PushCoalescer();
  private final AtomicInteger open = new AtomicInteger();
  /** The users with pages open now, and how many each. */
  private final ConcurrentHashMap<PushUser, AtomicInteger> watchers = new ConcurrentHashMap<>();
  private final Loop loop = new Loop();
  private long seq;
  private volatile boolean backfilled;

  void start(@Observes @Initialized(ApplicationScoped.class) Object started) {
    loop.start(threads.factory(), "baton-console-push", this::run);
  }

  void stop(@Observes @BeforeDestroyed(ApplicationScoped.class) Object stopping) {
    loop.stop(Duration.ofSeconds(3));
  }

  void opened(@Observes @WebsocketEvent.Opened WebsocketEvent e) {
    open.incrementAndGet();
    if (e.getUser() instanceof PushUser u) {
      watchers.computeIfAbsent(u, k -> new AtomicInteger()).incrementAndGet();
      try {
        accountOf.put(u.name(), accounts.user(u.name()));
      } catch (StoreUnavailableException ex) {
        accountOf.remove(u.name()); // looked at again at the next change
      }
    }
  }

  /**
   * Users or tokens changed: a page whose user was demoted, deleted or given a new password is told so, and loads
   * itself again - the login decides what it shows then (a deleted user's or an old password's page: the login form).
   * Until then it gets nothing it may no longer see: no whole cluster for a demoted admin, nothing for a deleted user.
   */
  void onAccountsChanged(@Observes AccountsChanged changed) {
    for (PushUser u : watchers.keySet()) {
      Optional<User> now;
      try {
        now = accounts.user(u.name());
      } catch (StoreUnavailableException e) {
        continue;
      }
      Optional<User> before = accountOf.put(u.name(), now);
      if (before == null || !sameLogin(before, now)) {
        channel.send(ACCOUNT_CHANGED, u);
      }
    }
  }

  private static boolean sameLogin(Optional<User> a, Optional<User> b) {
    return a.isPresent() && b.isPresent() && a.get().role() == b.get().role() && a.get().passwordAt().equals(b.get().passwordAt());
  }

  /** Whether the user's pages may get the whole cluster now (an admin's page whose user is still an admin). */
  private boolean seesAllNow(PushUser u) {
    Optional<User> account = accountOf.get(u.name());
    return u.seesAll() && (account == null || account.map(a -> a.role() == Role.ADMIN).orElse(false));
  }

  private boolean deleted(PushUser u) {
    Optional<User> account = accountOf.get(u.name());
    return account != null && account.isEmpty();
  }

  void closed(@Observes @WebsocketEvent.Closed WebsocketEvent e) {
    if (e.getUser() instanceof PushUser u) {
      watchers.computeIfPresent(u, (k, n) -> n.decrementAndGet() <= 0 ? null : n);
    }
    if (open.updateAndGet(n -> Math.max(0, n - 1)) == 0) {
      backfilled = false; // nobody watched: the charts lack the counts of the time until someone does
    }
  }

  void onEvent(@Observes BatonEvent e) {
    if (open.get() > 0) {
      coalescer.event(e);
    }
  }

  void onProgress(@Observes ProgressTick t) {
    if (open.get() > 0) {
      coalescer.progress();
    }
  }

  void onScenario(@Observes ScenarioRun run) {
    coalescer.scenario(run);
  }

  /** How many console pages are connected now. */
  public int openPages() {
    return open.get();
  }

  private void run() {
    while (!loop.pause(EVERY_MS)) {
      if (open.get() == 0) {
        continue;
      }
      PushCoalescer.Batch batch = coalescer.drain(System.nanoTime(), TimeUnit.MILLISECONDS.toNanos(KEEP_ALIVE_MS));
      if (batch == null) {
        continue;
      }
      try {
        // The first picture after a quiet spell reads Redis' ten minutes of counts; later ones the last seconds.
        ClusterPicture picture = cluster.now(QUEUE_SHOWN, backfilled ? 3 : ChartSeries.WINDOW_SECONDS);
        backfilled = true;
        charts.sample(picture.snapshot());
        long now = picture.snapshot().at().getEpochSecond();
        var points = charts.latest(now, 4);
        long n = ++seq;
        String whole = null;
        for (PushUser u : watchers.keySet()) {
          if (deleted(u)) {
            continue;
          }
          if (seesAllNow(u)) {
            whole = whole == null ? PictureJson.message(n, picture, batch, points) : whole;
            channel.send(whole, u);
          } else {
            // a viewer's or operator's pages: their own tasks only
            java.util.function.Predicate<String> mine = id -> u.name().equals(owners.ownerOf(id));
            channel.send(PictureJson.message(n, OwnPicture.of(picture, mine), OwnPicture.of(batch, mine), points), u);
          }
        }
      } catch (StoreUnavailableException e) {
        LOG.fine(() -> "no push: " + e.getMessage());
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "console push failed, continuing", e);
      }
    }
  }
}
