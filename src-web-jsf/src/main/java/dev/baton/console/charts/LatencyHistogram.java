package dev.baton.console.charts;

/**
 * Counts of latencies in buckets that grow by a quarter each (1 ms to about 12 hours): constant memory
 * and time per sample, percentiles within 12.5 %. Not thread-safe: its owner locks.
 */
final class LatencyHistogram {
  static final int BUCKETS = 80;
  private static final double GROWTH = 1.25;
  private static final double LOG_GROWTH = Math.log(GROWTH);

  private final long[] counts = new long[BUCKETS];
  private long total;

  void record(long millis) {
    counts[bucket(millis)]++;
    total++;
  }

  void add(LatencyHistogram other) {
    for (int i = 0; i < BUCKETS; i++) {
      counts[i] += other.counts[i];
    }
    total += other.total;
  }

  void clear() {
    java.util.Arrays.fill(counts, 0);
    total = 0;
  }

  long total() {
    return total;
  }

  /** The upper bound of the bucket holding the {@code q}-quantile (0 < q <= 1), or -1 with no samples. */
  long percentile(double q) {
    if (total == 0) {
      return -1;
    }
    long rank = (long) Math.ceil(q * total);
    long seen = 0;
    for (int i = 0; i < BUCKETS; i++) {
      seen += counts[i];
      if (seen >= rank) {
        return upperBound(i);
      }
    }
    return upperBound(BUCKETS - 1);
  }

  static int bucket(long millis) {
    if (millis <= 1) {
      return 0;
    }
    return (int) Math.min(BUCKETS - 1, Math.ceil(Math.log(millis) / LOG_GROWTH));
  }

  static long upperBound(int bucket) {
    return Math.round(Math.pow(GROWTH, bucket));
  }
}
