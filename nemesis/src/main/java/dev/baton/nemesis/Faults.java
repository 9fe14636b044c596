package dev.baton.nemesis;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * The nemesis' schedule: which fault, on which process, when and for how long - drawn from the seed alone, so the same
 * seed replays the same schedule. Each fault is a pair of demo.sh commands: one that breaks, one that heals.
 */
final class Faults {
  /** Every kind of fault this nemesis injects. */
  static final List<String> KINDS =
      List.of("kill", "pause", "partition", "one-way", "split", "partition-redis", "partition-broker", "kill-redis", "kill-broker",
          "kill-manager");

  /**
   * One fault: broken at {@code atMs} after the start, healed {@code forMs} after it broke. {@code worker}: the worker it
   * strikes (for the kinds that strike one); {@code peer} and {@code outward}: a one-way loss' other end and direction.
   */
  record Fault(int n, long atMs, long forMs, String kind, int worker, String peer, boolean outward) {
    boolean strikesAWorker() {
      return Set.of("kill", "pause", "partition", "one-way", "split").contains(kind);
    }

    /** Every process it touches (a fault waits until none of them is being restarted). */
    Set<String> hosts(int workers) {
      String w = "worker-" + worker;
      return switch (kind) {
        case "one-way" -> Set.of(w, peer);
        case "split" -> {
          Set<String> all = new java.util.HashSet<>(others(workers));
          all.add(w);
          all.add("redis");
          yield all;
        }
        default -> Set.of(target(workers));
      };
    }

    /** The same fault on another worker (its own is being restarted). */
    Fault on(int otherWorker) {
      return new Fault(n, atMs, forMs, kind, otherWorker, peer, outward);
    }

    /** The process(es) it strikes, e.g. worker-2, redis, worker-1>broker, worker-3,redis|broker,manager,... */
    String target(int workers) {
      String w = "worker-" + worker;
      return switch (kind) {
        case "one-way" -> outward ? w + ">" + peer : peer + ">" + w;
        case "split" -> w + ",redis|" + String.join(",", others(workers));
        case "partition-redis", "kill-redis" -> "redis";
        case "partition-broker", "kill-broker" -> "broker";
        case "kill-manager" -> "manager";
        default -> w;
      };
    }

    /** The demo.sh command that breaks. */
    List<String> breakCmd(int workers) {
      String w = "worker-" + worker;
      return switch (kind) {
        case "kill" -> List.of("fail-worker", "" + worker);
        case "pause" -> List.of("pause-worker", "" + worker);
        case "partition" -> List.of("partition", w);
        case "one-way" -> outward ? List.of("partition", w, peer, "--one-way") : List.of("partition", peer, w, "--one-way");
        // the cluster in two halves: this worker with Redis | the broker, the manager and the other workers
        case "split" -> List.of("partition", w + ",redis", String.join(",", others(workers)));
        case "partition-redis" -> List.of("partition", "redis");
        case "partition-broker" -> List.of("partition", "broker");
        case "kill-redis" -> List.of("kill", "redis");
        case "kill-broker" -> List.of("kill", "broker");
        case "kill-manager" -> List.of("kill", "manager");
        default -> throw new IllegalArgumentException("unknown fault " + kind);
      };
    }

    /** The demo.sh command that heals. */
    List<String> healCmd() {
      return switch (kind) {
        case "kill" -> List.of("recover-worker", "" + worker);
        case "pause" -> List.of("resume-worker", "" + worker);
        case "partition", "one-way" -> List.of("heal", "worker-" + worker);
        case "split" -> List.of("heal");
        case "partition-redis" -> List.of("heal", "redis");
        case "partition-broker" -> List.of("heal", "broker");
        default -> List.of("revive", target(0)); // the killed component, only it
      };
    }

    private List<String> others(int workers) {
      List<String> rest = new ArrayList<>(List.of("broker", "manager"));
      for (int i = 1; i <= workers; i++) {
        if (i != worker) {
          rest.add("worker-" + i);
        }
      }
      return rest;
    }

    JsonObject toJson(int workers) {
      return Json.createObjectBuilder().add("n", n).add("at_ms", atMs).add("for_ms", forMs).add("kind", kind)
          .add("target", target(workers)).add("break", String.join(" ", breakCmd(workers))).add("heal", String.join(" ", healCmd()))
          .build();
    }
  }

  private Faults() {}

  /**
   * The schedule of a run of {@code totalMs}: a fault every 6-14 s, lasting 3-10 s, and every fourth or so a second one
   * on top of it; none begins in the last 20 s, so the end of the run is whole.
   */
  static List<Fault> schedule(long seed, long totalMs, Set<String> kinds, int workers) {
    Random random = new Random(seed);
    List<String> enabled = KINDS.stream().filter(kinds::contains).toList();
    List<Fault> out = new ArrayList<>();
    long t = 5_000;
    int first = 0;
    while (t < totalMs - 20_000 && !enabled.isEmpty()) {
      // every kind at least once in a short run: the first pass goes through them in order
      String kind = first < enabled.size() ? enabled.get(first++) : enabled.get(random.nextInt(enabled.size()));
      out.add(fault(out.size(), t, 3_000 + random.nextInt(7_000), kind, random, workers));
      if (random.nextInt(4) == 0) { // several at once
        String second = enabled.get(random.nextInt(enabled.size()));
        long at = t + 1_000 + random.nextInt(1_000);
        if (at < totalMs - 20_000) {
          out.add(fault(out.size(), at, 3_000 + random.nextInt(5_000), second, random, workers));
        }
      }
      t += 6_000 + random.nextInt(8_000);
    }
    out.sort(Comparator.comparingLong(Fault::atMs));
    return out;
  }

  private static Fault fault(int n, long at, long duration, String kind, Random random, int workers) {
    return new Fault(n, at, duration, kind, 1 + random.nextInt(workers), List.of("redis", "broker", "manager").get(random.nextInt(3)),
        random.nextBoolean());
  }
}
