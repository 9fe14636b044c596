package dev.baton.store;

import static dev.baton.testing.Tasks.aTask;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.task.NewTask;
import dev.baton.task.TaskQuery;
import dev.baton.task.TaskRecord;
import dev.baton.task.TaskStatus;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Idempotency keys and label search, in the Lua scripts on a real Redis. */
class IdempotencyAndLabelsTest extends RedisStoreTest {
  private static final Duration TIMEOUT = Duration.ofMinutes(1);

  private Created create(NewTask... t) {
    return tasks.create(List.of(t), TIMEOUT);
  }

  private List<String> search(String q) {
    return tasks.list(new TaskQuery(Set.of(), null, null, q, dev.baton.task.TaskOrder.CREATED, true, 0, 100)).items().stream()
        .map(TaskRecord::id)
        .toList();
  }

  @Test
  void theSameKeyWithTheSameRequestAnswersTheFirstTaskAndCreatesNothing() {
    NewTask first = aTask().meta(null, "order-17", "hash-a").build();
    create(first);
    NewTask again = aTask().meta(null, "order-17", "hash-a").build();

    Created r = create(again);

    assertEquals(Map.of(again.id(), first.id()), r.existing());
    assertTrue(tasks.find(again.id()).isEmpty());
    assertEquals(1, tasks.list(new TaskQuery(Set.of(), null, null, 0, 10)).total());
  }

  @Test
  void theSameKeyWithAnotherRequestIsAConflictAndNothingIsStored() {
    NewTask first = aTask().meta(null, "order-17", "hash-a").build();
    create(first);
    NewTask other = aTask().meta(null, "order-17", "hash-b").build();
    NewTask innocent = aTask().build();

    IdempotencyConflictException e = assertThrows(IdempotencyConflictException.class, () -> create(innocent, other));

    assertEquals(first.id(), e.existingId());
    assertTrue(tasks.find(innocent.id()).isEmpty(), "the whole batch is refused");
  }

  @Test
  void aKeyLastsAsLongAsItsTask() {
    NewTask first = aTask().meta(null, "order-17", "hash-a").build();
    create(first);
    tasks.cancel(first.id(), "cancelled by test", "test", TIMEOUT);
    tasks.delete(List.of(first.id()), "deleted by test", "test");

    NewTask again = aTask().meta(null, "order-17", "hash-b").build();
    Created r = create(again);

    assertEquals(Map.of(), r.existing());
    assertEquals(TaskStatus.CREATED, tasks.find(again.id()).orElseThrow().status());
  }

  @Test
  void aTaskOfABatchThatDependsOnARepeatDependsOnTheFirstTask() {
    NewTask parent = aTask().meta(null, "gen-5", "hash-a").build();
    create(parent);
    NewTask repeat = aTask().meta(null, "gen-5", "hash-a").build();
    NewTask child = aTask().dependsOn(repeat.id()).build();

    create(repeat, child);

    assertEquals(List.of(parent.id()), tasks.find(child.id()).orElseThrow().dependencies().dependsOn());
    assertEquals(Set.of(child.id()), tasks.dependentsOf(parent.id()));
  }

  @Test
  void labelsAreFoundByTheStartsOfTheirWordsAndLeaveTheIndexWithTheTask() {
    NewTask mistral = aTask().meta("Mistral 24B - Dataset 5 + Rationale", null, null).build();
    NewTask llama = aTask().meta("Llama 70B - dataset 5", null, null).build();
    NewTask plain = aTask().build();
    create(mistral, llama, plain);

    assertEquals(List.of(mistral.id()), search("mistral"));
    assertEquals(Set.of(mistral.id(), llama.id()), Set.copyOf(search("DATA 5")));
    assertEquals(List.of(llama.id()), search("dataset lla"));
    assertEquals(List.of(), search("stral"), "the start of a word, not any part");
    assertEquals(List.of(plain.id()), search(plain.id().substring(0, 8)), "ids still by their start");
    assertEquals("Mistral 24B - Dataset 5 + Rationale", tasks.find(mistral.id()).orElseThrow().label());

    tasks.cancel(mistral.id(), "cancelled by test", "test", TIMEOUT);
    tasks.delete(List.of(mistral.id()), "deleted by test", "test");
    assertEquals(List.of(llama.id()), search("dataset"));
    assertEquals(
        List.of(),
        redis.call(c -> c.zrange(redis.keys().labels(), 0, -1)).stream().filter(m -> m.endsWith(mistral.id())).toList());
  }
}
