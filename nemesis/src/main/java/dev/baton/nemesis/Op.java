package dev.baton.nemesis;

import jakarta.json.Json;
import jakarta.json.JsonObject;

/**
 * One line of the history, as Jepsen records it: a client invokes an operation, and the operation completes
 * {@code ok}, {@code fail} (it certainly did not happen) or {@code info} (unknown: a timeout or a lost connection -
 * it may have happened, never assumed not to).
 *
 * @param index its place in the history
 * @param wallMs when (ms since the epoch, the machine's clock: the same clock Redis stamps the tasks' history with)
 * @param process the client that made the call; a completion belongs to the invoke of the same process before it
 * @param type invoke, ok, fail or info
 * @param f the operation: submit, graph (a batch with dependencies), cancel
 * @param value what was asked (invoke) or answered (the completions)
 */
public record Op(long index, long wallMs, String process, Type type, String f, JsonObject value) {
  public enum Type {
    INVOKE,
    OK,
    FAIL,
    INFO
  }

  public JsonObject toJson() {
    return Json.createObjectBuilder()
        .add("index", index)
        .add("wall_ms", wallMs)
        .add("process", process)
        .add("type", type.name().toLowerCase())
        .add("f", f)
        .add("value", value)
        .build();
  }

  public static Op fromJson(JsonObject j) {
    return new Op(
        j.getJsonNumber("index").longValue(),
        j.getJsonNumber("wall_ms").longValue(),
        j.getString("process"),
        Type.valueOf(j.getString("type").toUpperCase()),
        j.getString("f"),
        j.getJsonObject("value"));
  }
}
