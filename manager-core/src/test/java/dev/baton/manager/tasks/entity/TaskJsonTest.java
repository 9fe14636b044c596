package dev.baton.manager.tasks.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.baton.json.Jsonp;
import dev.baton.manager.config.JsonBinding;
import dev.baton.task.TaskStatus;
import jakarta.json.JsonValue;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The hand-written task JSON is byte for byte what JSON-B writes: for thousands of random tasks - every field absent
 * or present, strings with quotes, backslashes, every control character and non-ASCII text, JSON values of every kind,
 * histories - alone, as a batch and as a page.
 */
class TaskJsonTest {
  private final Random random = new Random(20261207);

  @Test
  void writesWhatJsonbWritesForRandomTasks() {
    for (int i = 0; i < 3000; i++) {
      TaskView t = randomTask(random.nextInt(4) == 0);
      assertEquals(JsonBinding.JSONB.toJson(t), TaskJson.of(t), "task " + i);
    }
  }

  @Test
  void writesWhatJsonbWritesForBatchesAndPages() {
    for (int i = 0; i < 50; i++) {
      List<TaskView> tasks = new ArrayList<>();
      for (int k = random.nextInt(20); k > 0; k--) {
        tasks.add(randomTask(false));
      }
      TaskBatch batch = new TaskBatch(tasks.size(), tasks);
      assertEquals(JsonBinding.JSONB.toJson(batch), TaskJson.of(batch));
      TaskPage page = new TaskPage(tasks, random.nextInt(100000), random.nextInt(100), 1 + random.nextInt(1000), maybe(text()));
      assertEquals(JsonBinding.JSONB.toJson(page), TaskJson.of(page));
    }
  }

  @Test
  void escapesEveryControlCharacter() {
    StringBuilder all = new StringBuilder();
    for (char c = 0; c < 0x80; c++) {
      all.append(c);
    }
    all.append("\u2028\u00e9\u20ac\ud83d\ude00");
    TaskView t = randomTask(false);
    TaskView withAll = new TaskView(t.id(), t.type(), t.status(), t.priority(), t.data(), t.progress(), all.toString(), t.workerId(), t.attempt(),
        t.epoch(), t.createdAt(), t.updatedAt(), t.startedAt(), t.finishedAt(), t.result(), all.toString(), t.checkpointData(), t.lastCheckpointAt(),
        t.checkpoints(), t.checkpointIntervalS(), t.maxRetries(), t.retries(), t.retryBackoff(), t.retryDelayMs(), t.retryMaxDelayMs(),
        t.nextAttemptAt(), t.runAt(), t.timeLimitS(), t.softTimeLimitS(), t.expiresAt(), all.toString(), t.queue(), t.parkedReason(),
        t.critical(), t.owner(), t.dependsOn(), t.parentsLeft(), t.parentResults(), t.history());
    assertEquals(JsonBinding.JSONB.toJson(withAll), TaskJson.of(withAll));
  }

  private TaskView randomTask(boolean withHistory) {
    List<TransitionView> history = null;
    if (withHistory) {
      history = new ArrayList<>();
      for (int k = random.nextInt(5); k > 0; k--) {
        history.add(new TransitionView(maybe(status()), status(), instant(), random.nextInt(9), maybe("worker-" + random.nextInt(3)), maybe(text())));
      }
    }
    List<String> dependsOn = new ArrayList<>();
    for (int k = random.nextInt(3); k > 0; k--) {
      dependsOn.add(text());
    }
    return new TaskView(text(), text(), status(), random.nextInt(10), json(), random.nextInt(101), maybe(text()), maybe(text()), random.nextInt(5),
        random.nextLong(), instant(), instant(), maybe(instant()), maybe(instant()), maybe(json()), maybe(text()), maybe(json()), maybe(instant()),
        random.nextInt(9), maybe(random.nextInt(100)), random.nextInt(5), random.nextInt(5), maybe(text()), random.nextLong(), random.nextLong(),
        maybe(instant()), maybe(instant()), maybe(random.nextInt(1000)), maybe(random.nextInt(1000)), maybe(instant()), maybe(text()), maybe(text()),
        maybe(text()), random.nextBoolean(), maybe(text()), random.nextInt(5) == 0 ? null : dependsOn, random.nextInt(3), maybe(json()), history);
  }

  private <T> T maybe(T value) {
    return random.nextInt(3) == 0 ? null : value;
  }

  private TaskStatus status() {
    return TaskStatus.values()[random.nextInt(TaskStatus.values().length)];
  }

  private Instant instant() {
    long ms = 1_700_000_000_000L + random.nextInt(1_000_000_000);
    return random.nextInt(4) == 0 ? Instant.ofEpochSecond(ms / 1000) : random.nextInt(4) == 0 ? Instant.ofEpochSecond(ms / 1000, random.nextInt(1_000_000_000)) : Instant.ofEpochMilli(ms);
  }

  private static final String[] PIECES = {"a", "Z", "0", " ", "\"", "\\", "/", "\n", "\t", "\r", "\b", "\f", "\u0000", "\u0001", "\u001f", "\u007f",
    "\u00e9", "\u2028", "\u20ac", "\ud83d\ude00", "task-", "{}", "<script>"};

  private String text() {
    StringBuilder b = new StringBuilder();
    for (int k = random.nextInt(12); k > 0; k--) {
      b.append(PIECES[random.nextInt(PIECES.length)]);
    }
    return b.toString();
  }

  private JsonValue json() {
    String[] docs = {"{}", "[]", "null", "true", "12", "-0.5", "1e3", "12345678901234567890", "\"x\\\"y\\u0001\"",
      "{\"input\":[1,2,3],\"iterations\":10,\"nested\":{\"a\":null,\"b\":[true,false,1.25E-7]}}", "{\"s\":\"\\u2028\\n\\\\\"}"};
    return Jsonp.parse(docs[random.nextInt(docs.length)]);
  }
}
