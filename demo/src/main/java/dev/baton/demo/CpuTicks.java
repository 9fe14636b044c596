package dev.baton.demo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The CPU time (user + system) each of the cluster's processes has used, from /proc/PID/stat, for the processes
 * whose PIDs the launcher recorded in the run folder (pids/NAME.pid), with that of the children they have reaped
 * (Redis forks one for each rewrite of its append-only file: part of what the tasks cost). Two readings apart give
 * what a run cost.
 */
record CpuTicks(Map<String, Long> nanos) {
  /** Linux counts in clock ticks of 1/100 s (USER_HZ, the same on every architecture Java runs on). */
  private static final long NANOS_PER_TICK = 10_000_000L;

  static CpuTicks read(Path pidsDir) throws IOException {
    Map<String, Long> used = new TreeMap<>();
    try (var files = Files.list(pidsDir)) {
      for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".pid"))::iterator) {
        String name = f.getFileName().toString().replace(".pid", "");
        try {
          String stat = Files.readString(Path.of("/proc", Files.readString(f).strip(), "stat"));
          // the command name (field 2) may hold spaces: count fields after its closing parenthesis
          String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
          // utime + stime, and cutime + cstime: its children's once it has reaped them (Redis' AOF rewrites)
          long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]) + Long.parseLong(fields[13]) + Long.parseLong(fields[14]);
          used.put(name, ticks * NANOS_PER_TICK);
        } catch (IOException | RuntimeException gone) {
          // not running (a killed worker): it counts for what it used until the last reading that saw it
        }
      }
    }
    return new CpuTicks(used);
  }

  /** What was used since {@code earlier}, per process that both readings saw. */
  CpuTicks minus(CpuTicks earlier) {
    Map<String, Long> d = new TreeMap<>();
    nanos.forEach((k, v) -> {
      if (earlier.nanos.containsKey(k)) {
        d.put(k, v - earlier.nanos.get(k));
      }
    });
    return new CpuTicks(d);
  }

  /** Microseconds per task for each process, and their sum as "total". */
  Map<String, Object> perTask(int tasks) {
    Map<String, Object> out = new LinkedHashMap<>();
    long total = 0;
    for (Map.Entry<String, Long> e : nanos.entrySet()) {
      out.put(e.getKey(), Math.round(e.getValue() / 1000.0 / tasks));
      total += e.getValue();
    }
    out.put("total", Math.round(total / 1000.0 / tasks));
    return out;
  }
}
