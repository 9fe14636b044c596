package dev.baton.worker.handlers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IoHandlerTest {
  private static final String DATA = "{\"size_bytes\":100000,\"chunk_bytes\":8192}";
  private final IoHandler cut = new IoHandler();
  @TempDir Path workerA;
  @TempDir Path workerB;

  @Test
  void writesReadsBackAndVerifiesAFile() throws Exception {
    String id = UUID.randomUUID().toString();
    JsonObject result = Runs.complete(cut, Runs.input(id, DATA, null, workerA)).asJsonObject();

    assertTrue(result.getBoolean("verified"));
    assertEquals(100000, result.getInt("bytes"));
    assertEquals(13, result.getInt("chunks"));
    assertFalse(Files.exists(workerA.resolve(id + ".dat")), "the file is removed when done");
  }

  /** Another worker has none of the file; it restores what it lacks and ends with the same result. */
  @Test
  void resumesOnAnotherWorkerFromAnyCheckpoint() throws Exception {
    String id = UUID.randomUUID().toString();
    JsonValue uninterrupted = Runs.complete(cut, Runs.input(id, DATA, null, workerA));
    int steps = Runs.steps(cut, Runs.input(id, DATA, null, workerA));
    assertEquals(26, steps, "13 chunks written, 13 read back");

    for (int stopAt = 0; stopAt < steps; stopAt++) {
      JsonObject checkpoint = Runs.checkpointAfter(cut, Runs.input(id, DATA, null, workerA), stopAt);
      JsonValue resumed = Runs.complete(cut, Runs.input(id, DATA, checkpoint, workerB));
      assertEquals(uninterrupted, resumed, "resumed elsewhere after step " + stopAt);
      Files.deleteIfExists(workerA.resolve(id + ".dat"));
    }
  }

  @Test
  void noticesAFileChangedBehindItsBack() throws Exception {
    String id = UUID.randomUUID().toString();
    JsonObject halfVerified = Runs.checkpointAfter(cut, Runs.input(id, DATA, null, workerA), 20);
    byte[] bytes = Files.readAllBytes(workerA.resolve(id + ".dat"));
    bytes[bytes.length - 1] ^= 1;
    Files.write(workerA.resolve(id + ".dat"), bytes);

    Exception e = org.junit.jupiter.api.Assertions.assertThrows(Exception.class, () -> Runs.complete(cut, Runs.input(id, DATA, halfVerified, workerA)));
    assertTrue(e.getMessage().contains("differs"), e.getMessage());
  }
}
