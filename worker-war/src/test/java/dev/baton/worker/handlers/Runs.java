package dev.baton.worker.handlers;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.net.URI;
import java.nio.file.Path;

/** Drives a handler the way the runner does, for tests: all the way, or to a checkpoint. */
final class Runs {
  private Runs() {}

  static TaskInput input(String taskId, String data, JsonObject checkpoint, Path scratch) {
    return input(taskId, 1, data, checkpoint, scratch, URI.create("http://127.0.0.1:1"));
  }

  static TaskInput input(String taskId, int attempt, String data, JsonObject checkpoint, Path scratch, URI manager) {
    return new TaskInput(taskId, attempt, parse(data), checkpoint, scratch, manager, Pacer.UNINTERRUPTED, jakarta.json.JsonValue.EMPTY_JSON_OBJECT);
  }

  /** Runs to the end and returns the result. */
  static JsonValue complete(TaskHandler handler, TaskInput input) throws Exception {
    try (TaskRun run = handler.start(input)) {
      while (!run.isDone()) {
        run.step();
      }
      return run.result();
    }
  }

  /**
   * Runs {@code steps} steps and returns the checkpoint as it would come back from Redis: written as JSON
   * text and parsed again.
   */
  static JsonObject checkpointAfter(TaskHandler handler, TaskInput input, int steps) throws Exception {
    try (TaskRun run = handler.start(input)) {
      for (int i = 0; i < steps && !run.isDone(); i++) {
        run.step();
      }
      return parse(run.checkpoint().toString());
    }
  }

  /** Number of steps an uninterrupted run takes. */
  static int steps(TaskHandler handler, TaskInput input) throws Exception {
    int n = 0;
    try (TaskRun run = handler.start(input)) {
      while (!run.isDone()) {
        run.step();
        n++;
      }
    }
    return n;
  }

  static JsonObject parse(String json) {
    return Json.createReader(new StringReader(json)).readObject();
  }
}
