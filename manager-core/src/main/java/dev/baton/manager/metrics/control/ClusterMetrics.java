package dev.baton.manager.metrics.control;

import dev.baton.manager.metrics.control.ClusterSamples.Sample;
import dev.baton.metrics.MetricsSnapshot;
import dev.baton.store.RedisMetrics;
import dev.baton.store.StoreUnavailableException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Logger;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricID;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.annotation.RegistryScope;

/**
 * Publishes the cluster-wide metrics (ClusterSamples) in the application registry, so Payara's
 * {@code /metrics} serves them beside its JVM metrics. One Redis round trip per scrape at most (values are
 * reused for a second); a series seen for the first time (a new queue or type) is registered then and
 * shows from that scrape on.
 */
@ApplicationScoped
public class ClusterMetrics {
  private static final Logger LOG = Logger.getLogger(ClusterMetrics.class.getName());
  private static final long FRESH_MS = 1_000;

  @Inject RedisMetrics store;

  @Inject
  @RegistryScope(scope = MetricRegistry.APPLICATION_SCOPE)
  MetricRegistry registry;

  private final ReentrantLock refreshing = new ReentrantLock();
  private final Set<MetricID> registered = ConcurrentHashMap.newKeySet();
  private volatile Map<MetricID, Double> values = Map.of();
  private volatile long readAt;

  /** Registers the series that exist now (called once the application has started). */
  public void start() {
    refresh();
  }

  /** The value of one series, as read within the last second (the last known one while Redis is away). */
  double value(MetricID id) {
    if (System.currentTimeMillis() - readAt > FRESH_MS && refreshing.tryLock()) {
      try {
        if (System.currentTimeMillis() - readAt > FRESH_MS) {
          refresh();
        }
      } finally {
        refreshing.unlock();
      }
    }
    return values.getOrDefault(id, 0.0);
  }

  private void refresh() {
    MetricsSnapshot snapshot;
    try {
      snapshot = store.read();
    } catch (StoreUnavailableException e) {
      LOG.fine(() -> "metrics not refreshed: " + e.getMessage());
      readAt = System.currentTimeMillis();
      return;
    }
    Map<MetricID, Double> next = new HashMap<>();
    for (Sample s : ClusterSamples.of(snapshot)) {
      Tag[] tags = s.labels().entrySet().stream().map(e -> new Tag(e.getKey(), e.getValue())).toArray(Tag[]::new);
      MetricID id = new MetricID(s.name(), tags);
      next.put(id, s.value());
      if (registered.add(id)) {
        registry.gauge(Metadata.builder().withName(s.name()).withDescription(s.help()).build(), this, m -> m.value(id), tags);
      }
    }
    values = next;
    readAt = System.currentTimeMillis();
  }
}
