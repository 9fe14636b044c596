package dev.baton.metrics;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The bucket bounds of Baton's latency histograms (wait, run, recovery), in one place: the Lua scripts that
 * observe get them as a table, the exporter turns them into Prometheus' {@code le} labels.
 */
public final class LatencyBuckets {
  /** Upper bounds in milliseconds, ascending; a last bucket (+Inf) takes the rest. */
  public static final long[] BOUNDS_MS = {
    5, 10, 25, 50, 100, 250, 500, 1_000, 2_500, 5_000, 10_000, 30_000, 60_000, 300_000, 900_000, 3_600_000
  };

  private LatencyBuckets() {}

  /** {@code local HISTOGRAM_BOUNDS_MS = {5, 10, ...}} for the scripts' prelude. */
  public static String asLuaTable() {
    return "local HISTOGRAM_BOUNDS_MS = { "
        + Arrays.stream(BOUNDS_MS).mapToObj(Long::toString).collect(Collectors.joining(", "))
        + " }\n";
  }
}
