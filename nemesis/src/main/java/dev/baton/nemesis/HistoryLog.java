package dev.baton.nemesis;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The history file: one operation per line (JSON), appended as the clients invoke and complete their calls. */
final class HistoryLog implements AutoCloseable {
  private final BufferedWriter out;
  private final List<Op> ops = new ArrayList<>();

  HistoryLog(Path file) throws IOException {
    this.out = Files.newBufferedWriter(file);
  }

  synchronized Op append(String process, Op.Type type, String f, JsonObject value) {
    Op op = new Op(ops.size(), System.currentTimeMillis(), process, type, f, value);
    ops.add(op);
    try {
      out.write(op.toJson().toString());
      out.newLine();
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return op;
  }

  synchronized List<Op> ops() {
    return List.copyOf(ops);
  }

  static List<Op> read(Path file) throws IOException {
    List<Op> ops = new ArrayList<>();
    for (String line : Files.readAllLines(file)) {
      if (!line.isBlank()) {
        try (var r = Json.createReader(new StringReader(line))) {
          ops.add(Op.fromJson(r.readObject()));
        }
      }
    }
    return ops;
  }

  @Override
  public synchronized void close() throws IOException {
    out.close();
  }
}
