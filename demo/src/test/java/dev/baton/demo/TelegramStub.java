package dev.baton.demo;

import com.sun.net.httpserver.HttpServer;
import dev.baton.json.Jsonp;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Plays the Telegram Bot API's sendMessage on 127.0.0.1: keeps every message it accepted, and can answer the
 * next requests with an error (as a flaky Telegram does), to see the retries.
 */
final class TelegramStub implements AutoCloseable {
  static final String TOKEN = "4242:test-token";
  static final String CHAT = "-100777";
  private final HttpServer server;
  private final List<JsonObject> accepted = new CopyOnWriteArrayList<>();
  private final AtomicInteger failNext = new AtomicInteger();
  private final AtomicInteger requests = new AtomicInteger();

  TelegramStub() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/bot" + TOKEN + "/sendMessage", exchange -> {
      requests.incrementAndGet();
      String body;
      try (InputStream in = exchange.getRequestBody()) {
        body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
      int status = 200;
      String answer = "{\"ok\":true,\"result\":{\"message_id\":" + requests.get() + "}}";
      if (failNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
        status = 502;
        answer = "{\"ok\":false,\"error_code\":502,\"description\":\"Bad Gateway\"}";
      } else {
        accepted.add(Jsonp.parseObject(body));
      }
      byte[] out = answer.getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.sendResponseHeaders(status, out.length);
      exchange.getResponseBody().write(out);
      exchange.close();
    });
    server.start();
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** The next n requests fail with 502. */
  void failNext(int n) {
    failNext.set(n);
  }

  /** The texts of the accepted messages that name this task (by the first eight characters of its id). */
  List<String> about(String taskId) {
    return accepted.stream().map(m -> m.getString("text")).filter(t -> t.contains(taskId.substring(0, 8))).toList();
  }

  List<JsonObject> accepted() {
    return accepted;
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
