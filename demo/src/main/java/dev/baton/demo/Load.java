package dev.baton.demo;

import dev.baton.client.BatonClient;
import dev.baton.client.Task;
import dev.baton.client.TaskRequest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** The load the benchmark and the soak put on a cluster: tasks in full batches from a few clients at once. */
final class Load {
  private static final int SUBMITTERS = 4;
  private static final TaskRequest NOOP = TaskRequest.of("noop");

  private Load() {}

  /** Submits {@code n} no-op tasks in batches of {@value BatonClient#MAX_BATCH} from a few concurrent clients; returns their ids. */
  static Set<String> submitNoops(BatonClient baton, int n) throws Exception {
    return submit(baton, n, NOOP);
  }

  /** Submits {@code n} copies of the task in full batches from a few concurrent clients; returns their ids. */
  static Set<String> submit(BatonClient baton, int n, TaskRequest task) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(SUBMITTERS);
    try {
      List<Future<List<Task>>> batches = new ArrayList<>();
      for (int sent = 0; sent < n; sent += BatonClient.MAX_BATCH) {
        List<TaskRequest> batch = Collections.nCopies(Math.min(BatonClient.MAX_BATCH, n - sent), task);
        batches.add(pool.submit(() -> baton.submitBatch(batch)));
      }
      Set<String> ids = new HashSet<>();
      for (Future<List<Task>> f : batches) {
        f.get().forEach(t -> ids.add(t.id()));
      }
      return ids;
    } finally {
      pool.shutdown();
    }
  }
}
