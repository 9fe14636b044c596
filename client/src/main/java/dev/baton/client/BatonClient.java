package dev.baton.client;

import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * A client of Baton's API: submit tasks one by one or in batches, find, list, cancel, retry, migrate and delete
 * them, wait for a result, follow the event stream, read workers and the system status. Thread-safe; one
 * instance per application is enough (it keeps its connections).
 *
 * <pre>{@code
 * BatonClient baton = BatonClient.of("http://127.0.0.1:8080");
 * Task t = baton.submit(TaskRequest.of("sleep").data(Map.of("steps", 3, "step_ms", 100)));
 * Task done = baton.await(t.id(), Duration.ofMinutes(1));
 * }</pre>
 *
 * Refusals come as {@link ProblemException} (subclasses per status, with the problem's detail and fields); a
 * manager that cannot be reached as {@link BatonException}.
 */
public final class BatonClient {
  /** The most tasks one batch may hold (the API's baton.api.max-batch). */
  public static final int MAX_BATCH = 1000;

  private static final String JSON = "application/json";

  private final URI base;
  private final HttpClient http;
  private final Duration timeout;
  private final Map<String, String> headers;

  private BatonClient(Builder b) {
    this.base = b.base;
    this.timeout = b.timeout;
    this.headers = Map.copyOf(b.headers);
    // HTTP/1.1, not an h2c upgrade: such a connection was seen ending in the middle of a request (ADR 0025).
    this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(b.connectTimeout).build();
  }

  /** A client of the manager at this URL (e.g. {@code http://127.0.0.1:8080}) with the default settings. */
  public static BatonClient of(String managerUrl) {
    return builder(managerUrl).build();
  }

  public static Builder builder(String managerUrl) {
    return new Builder(URI.create(Objects.requireNonNull(managerUrl, "managerUrl")));
  }

  /** The manager's URL. */
  public URI url() {
    return base;
  }

  // --- tasks ----------------------------------------------------------------------------------------------------

  /** Creates a task: CREATED (or SCHEDULED, WAITING, as its request says). With an idempotency key a repeat answers the first task. */
  public Task submit(TaskRequest request) {
    return Task.of(Json.object(send(posting("/api/tasks", request.body()))));
  }

  /** Creates up to {@value #MAX_BATCH} tasks at once, all or none; answers them in the order given. */
  public List<Task> submitBatch(List<TaskRequest> requests) {
    StringBuilder body = new StringBuilder(32 * requests.size() + 16).append("{\"tasks\":[");
    for (int i = 0; i < requests.size(); i++) {
      body.append(i == 0 ? "" : ",").append(requests.get(i).body()); // written as is: no copy into one JSON tree
    }
    String json = body.append("]}").toString();
    return Json.object(send(posting("/api/tasks/batch", json))).getJsonArray("tasks").stream().map(v -> Task.of(v.asJsonObject())).toList();
  }

  /** The task with its result and history; {@link ProblemException.NotFound} if there is none. */
  public Task get(String id) {
    return Task.of(Json.object(send(getting("/api/tasks/" + segment(id)))));
  }

  /** The task, or empty if there is none (any more). */
  public Optional<Task> find(String id) {
    try {
      return Optional.of(get(id));
    } catch (ProblemException.NotFound e) {
      return Optional.empty();
    }
  }

  /** One page of tasks matching the filter. */
  public TaskPage list(TaskFilter filter) {
    return page("/api/tasks?" + filter.query());
  }

  /**
   * The page after {@code page} of the same listing (keyset paging: page 1,000 costs what page 1 costs); after the last
   * page, an empty one.
   */
  public TaskPage next(TaskFilter filter, TaskPage page) {
    if (page.next() == null) {
      return new TaskPage(List.of(), page.total(), 0, page.limit(), null);
    }
    return page("/api/tasks?" + filter.page(0, page.limit()).query() + "&after=" + URLEncoder.encode(page.next(), StandardCharsets.UTF_8));
  }

  private TaskPage page(String path) {
    JsonObject page = Json.object(send(getting(path)));
    return new TaskPage(
        page.getJsonArray("tasks").stream().map(v -> Task.of(v.asJsonObject())).toList(),
        page.getJsonNumber("total").longValue(),
        page.getInt("offset"),
        page.getInt("limit"),
        page.isNull("next") ? null : page.getString("next"));
  }

  /** Cancels a task: CANCELLED at once if no worker runs it; a running one stays RUNNING until its worker stops it. Answers the status. */
  public TaskStatus cancel(String id) {
    return statusOf(send(posting("/api/tasks/" + segment(id) + "/cancel")));
  }

  /** Queues a FAILED or DEAD task again, from its last checkpoint. */
  public TaskStatus retry(String id) {
    return statusOf(send(posting("/api/tasks/" + segment(id) + "/retry")));
  }

  /** Moves a running task to this worker (null: the least loaded live one); answers the target's id. */
  public String migrate(String id, String toWorker) {
    JsonObject body = toWorker == null ? null : Json.PROVIDER.createObjectBuilder().add("worker_id", toWorker).build();
    return Json.object(send(posting("/api/tasks/" + segment(id) + "/migrate", body))).getString("to", toWorker);
  }

  /** Deletes a finished task with its history. */
  public void delete(String id) {
    send(HttpRequest.newBuilder(base.resolve("/api/tasks/" + segment(id))).DELETE());
  }

  /**
   * Waits until the task has finished (COMPLETED, FAILED, CANCELLED, SKIPPED or DEAD) and answers it with its
   * result; asks its status at growing intervals (10 ms up to half a second).
   *
   * @throws TimeoutException if it has not finished within {@code atMost}
   */
  public Task await(String id, Duration atMost) throws TimeoutException, InterruptedException {
    long deadline = System.nanoTime() + atMost.toNanos();
    long pause = 10;
    while (true) {
      if (statusOf(send(getting("/api/tasks/" + segment(id) + "/status"))).isFinal()) {
        return get(id);
      }
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        throw new TimeoutException("task " + id + " has not finished within " + atMost);
      }
      Thread.sleep(Math.min(pause, Math.max(1, left / 1_000_000)));
      pause = Math.min(500, pause * 2);
    }
  }

  // --- events, workers, system ------------------------------------------------------------------------------------

  /** The newest events of the log, newest first (1 to 1000). */
  public List<Event> events(int limit) {
    return Json.object(send(getting("/api/system/events?limit=" + limit))).getJsonArray("events").stream()
        .map(v -> Event.of(v.asJsonObject()))
        .toList();
  }

  /**
   * Follows the live event stream (SSE) on a thread of its own, from now, or from after {@code lastEventId}
   * (null: from now). If the connection drops it reconnects and asks for what it missed (an event may then
   * come twice - its id tells - none is missed). Close the answer to stop.
   */
  public EventStream follow(String lastEventId, Consumer<Event> listener) {
    return new EventStream(this, lastEventId, listener);
  }

  public List<Worker> workers() {
    return Json.object(send(getting("/api/workers"))).getJsonArray("workers").stream().map(v -> Worker.of(v.asJsonObject())).toList();
  }

  public SystemStatus status() {
    return SystemStatus.of(Json.object(send(getting("/api/system/status"))));
  }

  // --- demo scenarios ---------------------------------------------------------------------------------------------

  /** Starts a demo scenario (demo-scenario, demo-load-balancing, demo-cascade, ...) on the manager. */
  public ScenarioRun startScenario(String name) {
    return ScenarioRun.of(Json.object(send(posting("/api/scenarios/" + segment(name) + "/runs"))));
  }

  public ScenarioRun scenarioRun(String runId) {
    return ScenarioRun.of(Json.object(send(getting("/api/scenarios/runs/" + segment(runId)))));
  }

  // --- HTTP -------------------------------------------------------------------------------------------------------

  private HttpRequest.Builder getting(String path) {
    return HttpRequest.newBuilder(base.resolve(path)).GET();
  }

  /** A POST without a body. */
  private HttpRequest.Builder posting(String path) {
    return posting(path, (String) null);
  }

  private HttpRequest.Builder posting(String path, JsonObject body) {
    return posting(path, body == null ? null : body.toString());
  }

  private HttpRequest.Builder posting(String path, String json) {
    return HttpRequest.newBuilder(base.resolve(path))
        .header("Content-Type", JSON)
        .POST(json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
  }

  /** Sends with the client's headers and timeout; answers the body of a 2xx, else throws the problem. */
  private String send(HttpRequest.Builder request) {
    HttpResponse<String> r = exchange(request.timeout(timeout), HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() / 100 != 2) {
      throw ProblemException.of(r.statusCode(), r.body(), r.headers().firstValue("Retry-After").orElse(null));
    }
    return r.body();
  }

  /** One exchange with the client's headers; transport failures become {@link BatonException}. */
  <T> HttpResponse<T> exchange(HttpRequest.Builder request, HttpResponse.BodyHandler<T> body) {
    headers.forEach(request::header);
    request.header("Accept", JSON + ", application/problem+json, text/event-stream");
    HttpRequest built = request.build();
    try {
      return http.send(built, body);
    } catch (IOException e) {
      throw new BatonException(built.method() + " " + built.uri() + " failed: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BatonException("interrupted during " + built.method() + " " + built.uri(), e);
    }
  }

  /** The stream's body: the caller closes it. */
  HttpResponse<InputStream> openStream(String path, String lastEventId) {
    HttpRequest.Builder r = HttpRequest.newBuilder(base.resolve(path)).GET();
    if (lastEventId != null) {
      r.header("Last-Event-ID", lastEventId);
    }
    return exchange(r, HttpResponse.BodyHandlers.ofInputStream());
  }

  private static TaskStatus statusOf(String body) {
    return TaskStatus.valueOf(Json.object(body).getString("status"));
  }

  private static String segment(String s) {
    return URLEncoder.encode(Objects.requireNonNull(s), StandardCharsets.UTF_8).replace("+", "%20");
  }

  /** Settings of a client: its manager, timeouts, and headers sent with every request (e.g. credentials). */
  public static final class Builder {
    private final URI base;
    private Duration timeout = Duration.ofSeconds(30);
    private Duration connectTimeout = Duration.ofSeconds(5);
    private final Map<String, String> headers = new LinkedHashMap<>();

    private Builder(URI base) {
      this.base = base;
    }

    /** The longest a request may take (30 s). */
    public Builder timeout(Duration timeout) {
      this.timeout = Objects.requireNonNull(timeout);
      return this;
    }

    public Builder connectTimeout(Duration timeout) {
      this.connectTimeout = Objects.requireNonNull(timeout);
      return this;
    }

    /** A header sent with every request. */
    public Builder header(String name, String value) {
      headers.put(name, value);
      return this;
    }

    /** {@code Authorization: Bearer <token>} with every request. */
    public Builder bearerToken(String token) {
      return header("Authorization", "Bearer " + token);
    }

    /** {@code Authorization: Basic ...} with every request. */
    public Builder basicAuth(String user, String password) {
      return header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * The credentials in the environment, if any: {@code BATON_TOKEN} (an API token), else {@code BATON_USER} (default
     * admin) with {@code BATON_PASSWORD}. So a tool never takes a secret on its command line.
     */
    public Builder credentialsFromEnvironment() {
      String token = System.getenv("BATON_TOKEN");
      String password = System.getenv("BATON_PASSWORD");
      if (token != null && !token.isBlank()) {
        return bearerToken(token);
      }
      if (password != null && !password.isEmpty()) {
        String user = System.getenv("BATON_USER");
        return basicAuth(user == null || user.isBlank() ? "admin" : user, password);
      }
      return this;
    }

    public BatonClient build() {
      return new BatonClient(this);
    }
  }
}
