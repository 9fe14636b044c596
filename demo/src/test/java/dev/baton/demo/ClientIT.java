package dev.baton.demo;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.client.BatonClient;
import dev.baton.client.Event;
import dev.baton.client.EventStream;
import dev.baton.client.ProblemException;
import dev.baton.client.Task;
import dev.baton.client.TaskFilter;
import dev.baton.client.TaskRequest;
import dev.baton.client.TaskStatus;
import dev.baton.client.Worker;
import dev.baton.testing.FreePorts;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** Baton's Java client against the whole cluster: every call it offers, its typed answers and its exceptions. */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
@ExtendWith(SharedCluster.class)
class ClientIT {
  private static BatonClient baton;

  @BeforeAll
  static void connect(Cluster shared) {
    baton = shared.client();
  }

  @Test
  void submitsWaitsForTheResultAndFindsTheTask() throws Exception {
    String label = "client " + UUID.randomUUID().toString().substring(0, 8);
    Task submitted = baton.submit(TaskRequest.of("sleep").data(Map.of("steps", 3, "step_ms", 50)).priority(7).label(label));
    assertEquals(TaskStatus.CREATED, submitted.status());
    assertEquals(7, submitted.priority());

    Task done = baton.await(submitted.id(), Duration.ofSeconds(60));
    assertEquals(TaskStatus.COMPLETED, done.status());
    assertTrue(done.isFinished());
    assertEquals(100, done.progress());
    assertTrue(done.result() != null && done.workerId() != null && done.finishedAt() != null, done.json().toString());
    assertFalse(done.json().getJsonArray("history").isEmpty());

    var page = baton.list(TaskFilter.all().search(label).status(TaskStatus.COMPLETED));
    assertEquals(List.of(submitted.id()), page.tasks().stream().map(Task::id).toList());
    assertEquals(1, page.total());
    assertFalse(page.hasMore());
    assertEquals(submitted.id(), baton.get(submitted.id()).id());
  }

  @Test
  void aBatchIsSubmittedInOrderWithItsDependencies() throws Exception {
    List<Task> batch =
        baton.submitBatch(
            List.of(
                TaskRequest.of("noop").ref("first"),
                TaskRequest.of("noop").ref("second").dependsOn("first"),
                TaskRequest.of("noop").dependsOn("first", "second")));
    assertEquals(3, batch.size());
    assertEquals(TaskStatus.WAITING, batch.get(2).status());
    for (Task t : batch) {
      assertEquals(TaskStatus.COMPLETED, baton.await(t.id(), Duration.ofSeconds(60)).status());
    }
    assertTrue(baton.get(batch.get(2).id()).startedAt().isAfter(baton.get(batch.get(1).id()).finishedAt().minusMillis(1)));
  }

  @Test
  void anIdempotencyKeyAnswersTheFirstTask() {
    TaskRequest once = TaskRequest.of("noop").idempotencyKey("client-it-" + UUID.randomUUID());
    assertEquals(baton.submit(once).id(), baton.submit(once).id());
  }

  @Test
  void refusalsAreProblemExceptionsNamingTheField() {
    var unknownType = assertThrows(ProblemException.Invalid.class, () -> baton.submit(TaskRequest.of("no-such-type")));
    assertEquals(422, unknownType.status());
    assertEquals("type", unknownType.errors().get(0).field());

    var badPriority =
        assertThrows(ProblemException.Invalid.class, () -> baton.submitBatch(List.of(TaskRequest.of("noop"), TaskRequest.of("noop").priority(12))));
    assertEquals("tasks[1].priority", badPriority.errors().get(0).field());

    assertThrows(ProblemException.NotFound.class, () -> baton.get("no-such-task"));
    assertTrue(baton.find("no-such-task").isEmpty());
  }

  @Test
  void cancelsARunningTaskAndRefusesToCancelItTwice() throws Exception {
    Task long_ = baton.submit(TaskRequest.of("sleep").data(Map.of("steps", 600, "step_ms", 100)));
    await().atMost(Duration.ofSeconds(30)).until(() -> baton.get(long_.id()).status() == TaskStatus.RUNNING);
    baton.cancel(long_.id());
    assertEquals(TaskStatus.CANCELLED, baton.await(long_.id(), Duration.ofSeconds(30)).status());
    var again = assertThrows(ProblemException.Conflict.class, () -> baton.cancel(long_.id()));
    assertEquals(409, again.status());
    baton.delete(long_.id());
    assertTrue(baton.find(long_.id()).isEmpty());
  }

  @Test
  void followsTheEventStream() throws Exception {
    LinkedBlockingQueue<Event> seen = new LinkedBlockingQueue<>();
    try (EventStream stream = baton.follow(null, seen::add)) {
      await().atMost(Duration.ofSeconds(10)).until(stream::isConnected);
      Task t = baton.submit(TaskRequest.of("noop"));
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> seen.stream().anyMatch(e -> e.type().equals("task.completed") && t.id().equals(e.taskId())));
      Event completed = seen.stream().filter(e -> e.type().equals("task.completed") && t.id().equals(e.taskId())).findFirst().orElseThrow();
      assertTrue(completed.workerId() != null && completed.at() != null && completed.id().matches("\\d+-\\d+"), completed.toString());
      assertEquals(completed.id(), seen.stream().filter(e -> e.id().equals(stream.lastEventId())).findFirst().orElseThrow().id());
    }
    assertFalse(baton.events(5).isEmpty());
  }

  @Test
  void readsWorkersAndTheSystemStatus() {
    List<Worker> workers = baton.workers();
    assertEquals(List.of("worker-1", "worker-2", "worker-3"), workers.stream().map(Worker::id).sorted().toList());
    assertTrue(workers.stream().allMatch(w -> w.alive() && w.slots() > 0 && !w.types().isEmpty()));
    var status = baton.status();
    assertEquals(3, status.workersAlive());
    assertTrue(status.completedTotal() >= 0 && status.checkedAt() != null);
  }

  @Test
  void anUnreachableManagerIsABatonException() {
    BatonClient nowhere = BatonClient.builder("http://127.0.0.1:" + FreePorts.find()).connectTimeout(Duration.ofSeconds(1)).build();
    var e = assertThrows(dev.baton.client.BatonException.class, nowhere::status);
    assertFalse(e instanceof ProblemException);
  }
}
