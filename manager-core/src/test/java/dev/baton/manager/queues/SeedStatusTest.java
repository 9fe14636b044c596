package dev.baton.manager.queues;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.baton.manager.queues.entity.SeedStatus;
import dev.baton.task.TaskStatus;
import java.util.Arrays;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;

class SeedStatusTest {
  @Test
  void everyStatusHasExactlyOneOfSeed004sWords() {
    EnumSet<TaskStatus> seen = EnumSet.noneOf(TaskStatus.class);
    for (SeedStatus w : SeedStatus.values()) {
      for (TaskStatus s : w.statuses()) {
        assertEquals(true, seen.add(s), s + " has two words");
        assertEquals(w, SeedStatus.of(s));
      }
    }
    assertEquals(EnumSet.allOf(TaskStatus.class), seen);
    assertEquals("queued,waiting,running,done,failed,cancelled,skipped",
        String.join(",", Arrays.stream(SeedStatus.values()).map(SeedStatus::word).toList()));
  }

  @Test
  void notDoneIsWhatHasNotEnded() {
    for (TaskStatus s : TaskStatus.values()) {
      assertEquals(!s.isFinal(), SeedStatus.notDone().contains(s), s.name());
    }
  }
}
