package dev.baton.worker.handlers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Against a real HTTP server on loopback that answers like the manager's echo endpoint. */
class NetworkHandlerTest {
  private final NetworkHandler cut = new NetworkHandler();
  private final AtomicInteger calls = new AtomicInteger();
  private final AtomicInteger failFirst = new AtomicInteger();
  private HttpServer server;
  private URI manager;
  @TempDir Path scratch;

  @BeforeEach
  void startEcho() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/api/echo",
        exchange -> {
          byte[] body = exchange.getRequestBody().readAllBytes();
          calls.incrementAndGet();
          if (failFirst.getAndDecrement() > 0) {
            exchange.sendResponseHeaders(503, -1);
            exchange.close();
            return;
          }
          byte[] answer =
              ("{\"bytes\":" + body.length + ",\"sha256\":\"" + Digests.hex(Digests.sha256().digest(body)) + "\"}")
                  .getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(200, answer.length);
          exchange.getResponseBody().write(answer);
          exchange.close();
        });
    server.start();
    manager = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  @AfterEach
  void stopEcho() {
    server.stop(0);
  }

  private TaskInput input(String data, JsonObject checkpoint) {
    return Runs.input("net-task", 1, data, checkpoint, scratch, manager);
  }

  @Test
  void callsTheEchoEndpointAndResumesFromAnyCheckpoint() throws Exception {
    String data = "{\"requests\":6,\"payload_bytes\":300}";
    JsonValue uninterrupted = Runs.complete(cut, input(data, null));
    assertEquals(6, calls.get());
    assertEquals(1800, uninterrupted.asJsonObject().getInt("bytes_sent"));

    for (int stopAt = 0; stopAt <= 6; stopAt++) {
      JsonObject checkpoint = Runs.checkpointAfter(cut, input(data, null), stopAt);
      assertEquals(uninterrupted, Runs.complete(cut, input(data, checkpoint)));
    }
  }

  @Test
  void retriesFailedCallsWithBackoff() throws Exception {
    failFirst.set(2);
    JsonValue result = Runs.complete(cut, input("{\"requests\":1,\"retries\":3}", null));
    assertEquals(3, calls.get(), "two failures, then success");
    assertEquals(1, result.asJsonObject().getInt("requests"));
  }

  @Test
  void asksForARetryOfTheTaskWhenTheCallsRetriesRunOut() {
    failFirst.set(5);
    RetryRequested e = assertThrows(RetryRequested.class, () -> Runs.complete(cut, input("{\"requests\":1,\"retries\":1}", null)));
    assertTrue(e.getMessage().contains("after 2 attempts"), e.getMessage());
    assertEquals(java.time.Duration.ofSeconds(2), e.countdown(), "a countdown of its own, like Celery's self.retry(countdown=2)");
  }
}
