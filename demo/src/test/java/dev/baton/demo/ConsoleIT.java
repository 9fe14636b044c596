package dev.baton.demo;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.testing.Http;
import dev.baton.testing.Http.Answer;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.awaitility.Awaitility;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;

/**
 * The console in a real browser (headless chromium) against the real cluster the fault tests use: a task
 * made in the form runs to the end in the table; a crash from a worker's card shows in the picture and on
 * the card; a migration through the dialog lands on the chosen worker; an overload shows the balancer's
 * moves; a scenario runs to its verdict; updates come over a WebSocket, not by polling (and how fast); bad
 * input stays on the page; a manager restart recovers by itself (the login outlives it), a lost session leads to the login. Screenshots of
 * every view land in target/screenshots and the README's copies in docs/console.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
@ExtendWith(SharedCluster.class)
class ConsoleIT {
  private static Cluster cluster;
  private static Http http;
  private static Browser browser;
  private static String base;

  /** A failing test leaves a screenshot and the page's HTML under target/screenshots, as the page was then. */
  @org.junit.jupiter.api.extension.RegisterExtension
  static final org.junit.jupiter.api.extension.TestExecutionExceptionHandler ON_FAILURE =
      (context, cause) -> {
        if (browser != null) {
          try {
            String name = "failed-" + context.getRequiredTestMethod().getName();
            Path png = browser.evidence(name);
            System.out.println("FAILED " + name + ": " + png + "; browser errors: " + browser.errors());
          } catch (RuntimeException e) {
            System.out.println("no screenshot: " + e);
          }
        }
        throw cause;
      };

  @BeforeAll
  static void open(Cluster shared) {
    cluster = shared;
    http = cluster.api();
    base = cluster.managerUrl().resolve("/console/").toString();
    Path root = Path.of(System.getProperty("baton.root", "..")).toAbsolutePath().normalize();
    browser = new Browser(root, 1280, 800);
    assertEquals("", browser.logIn(cluster.managerUrl(), "admin", cluster.adminPassword()), "the admin logs in");
    // A live page redraws under the test's feet: an element found a moment ago may be gone; look again.
    Awaitility.ignoreExceptionByDefault(StaleElementReferenceException.class);
  }

  @AfterAll
  static void close() {
    Awaitility.reset();
    if (browser != null) {
      browser.close();
    }
  }

  private long testStarted;

  @org.junit.jupiter.api.BeforeEach
  void noteTheStart() {
    testStarted = System.currentTimeMillis();
  }

  /**
   * No errors in the browser's console; the cluster back to full health for the next test. A failure names
   * the test and what the manager logged meanwhile (the browser only sees a status code).
   */
  @AfterEach
  void noErrorsThenHeal(org.junit.jupiter.api.TestInfo test) {
    List<String> errors = browser.errors();
    browser.closeOtherTabs();
    List<String> troubles = errors.isEmpty() ? List.of() : cluster.managerTroubles(testStarted);
    SharedCluster.heal(cluster, http);
    assertTrue(errors.isEmpty(), test.getDisplayName() + ": errors in the browser console: " + errors + "; the manager logged: " + troubles);
  }

  // ----------------------------------------------------------------------------------------------
  // Helpers

  private static JsonObject task(String id) {
    Answer a = http.get("api/tasks/" + id);
    assertEquals(200, a.status(), a.toString());
    return a.json();
  }

  private static List<String> submit(int n, String spec) {
    String body = IntStream.range(0, n).mapToObj(i -> spec).collect(Collectors.joining(",", "{\"tasks\":[", "]}"));
    Answer a = http.post("api/tasks/batch", body);
    assertEquals(201, a.status(), a.toString());
    return a.json().getJsonArray("tasks").stream().map(t -> t.asJsonObject().getString("id")).toList();
  }

  private static long totalTasks() {
    return http.get("api/tasks?limit=1").json().getJsonNumber("total").longValue();
  }

  private static Map<String, List<String>> runningByWorker(List<String> ids) {
    Map<String, List<String>> m = new HashMap<>();
    for (String id : ids) {
      JsonObject t = task(id);
      if (t.getString("status").equals("RUNNING")) {
        m.computeIfAbsent(t.getString("worker_id"), k -> new ArrayList<>()).add(id);
      }
    }
    return m;
  }

  private static long completions(String id) {
    return task(id).getJsonArray("history").stream().filter(h -> h.asJsonObject().getString("to").equals("COMPLETED")).count();
  }

  private static void page(String name) {
    browser.open(base + name);
    browser.awaitLive();
  }

  /** Picks a value of a PrimeFaces select as a person would: the label changes and its ajax behaviour runs. */
  private static void choose(String widgetVar, String value) {
    // selectValue() alone changes the label without firing the change event the menu's p:ajax listens to
    browser.js("var w = PF(arguments[0]); w.selectValue(arguments[1]); w.input.trigger('change');", widgetVar, value);
  }

  private static void type(String clientId, String text) {
    WebElement e = browser.find(By.id(clientId));
    e.clear();
    e.sendKeys(text);
  }

  /** For a screenshot: the page from its top, no toast over it, no field focused. */
  private static void topOfThePage() {
    browser.js("document.querySelectorAll('.ui-growl-item-container').forEach(function (g) { g.remove(); });"
        + " if (document.activeElement) { document.activeElement.blur(); } window.scrollTo(0, 0);");
  }

  private static String growl() {
    return browser.all(By.cssSelector(".ui-growl-message")).stream().map(WebElement::getText).collect(Collectors.joining(" | "));
  }

  // ----------------------------------------------------------------------------------------------

  /** Swagger UI on the manager's OpenAPI document: served from the webjar, every group of operations listed. */
  @Test
  void theApiDocsPageListsTheOperations() {
    browser.open(cluster.managerUrl().resolve("/openapi/ui/").toString());
    await("Swagger UI rendered the document")
        .atMost(Duration.ofSeconds(30))
        .until(() -> browser.all(By.cssSelector(".opblock")).size() >= 50);
    String text = browser.text(By.cssSelector(".swagger-ui"));
    for (String tag : List.of("tasks", "queues", "schedules", "webhooks", "workers", "system")) {
      assertTrue(browser.all(By.cssSelector("[data-tag='" + tag + "']")).size() == 1, tag + " in " + text.substring(0, Math.min(300, text.length())));
    }
    browser.screenshot("api-docs");
  }

  @Test
  void aTaskCreatedInTheFormAppearsInTheTableAndCompletesWithoutAReload() {
    page("create.xhtml");
    choose("typeMenu", "sleep");
    await("the form shows the type's parameters").atMost(Duration.ofSeconds(10)).until(() -> browser.text(By.id("createForm:params")).contains("steps"));
    type("createForm:priority", "7");
    type("createForm:data", "{\"steps\": 8, \"step_ms\": 400}");
    browser.screenshot("create");
    browser.click(By.id("createForm:create"));
    await("the created task is linked").atMost(Duration.ofSeconds(10)).until(() -> !browser.all(By.cssSelector("a.created-task")).isEmpty());
    String href = browser.find(By.cssSelector("a.created-task")).getAttribute("href");
    String id = href.substring(href.indexOf("id=") + 3);
    assertEquals(7, task(id).getInt("priority"));

    page("tasks.xhtml");
    browser.mark();
    By status = By.cssSelector("[data-task-status='" + id + "']");
    await("the task in the table").atMost(Duration.ofSeconds(10)).until(() -> !browser.all(status).isEmpty());
    await("the table shows it RUNNING, then COMPLETED, as it happens")
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(200))
        .until(() -> browser.text(status).equals("COMPLETED"));
    assertTrue(browser.stillSamePage(), "no reload");
    assertEquals("100 %", browser.text(By.cssSelector(".bar[data-task='" + id + "'] em")));
    assertEquals(1, completions(id));
    browser.screenshot("tasks");
  }

  @Test
  void liveUpdatesKeepTheTablesPageSortAndFilter() {
    submit(60, "{\"type\":\"noop\",\"priority\":3}");
    page("tasks.xhtml?type=noop");
    browser.mark();
    browser.click(By.xpath("//th[.//span[normalize-space()='Priority']]"));
    await("sorted by priority").atMost(Duration.ofSeconds(10)).until(() -> sortOf("Priority") != null);
    browser.click(By.xpath("(//*[contains(@class,'ui-paginator-page') and @aria-label='Page 2'])[1]"));
    await("on page 2").atMost(Duration.ofSeconds(10)).until(() -> "2".equals(browser.text(By.cssSelector(".ui-paginator-page.ui-state-active"))));
    String sort = sortOf("Priority");
    browser.js("document.getElementById('tasksForm:tasks').__before = true;");

    submit(5, "{\"type\":\"noop\"}"); // status changes: the table is rendered again
    await("the table rendered again by a push")
        .atMost(Duration.ofSeconds(15))
        .until(() -> Boolean.FALSE.equals(browser.js("return !!document.getElementById('tasksForm:tasks').__before;")));
    assertEquals("2", browser.text(By.cssSelector(".ui-paginator-page.ui-state-active")), "still on page 2");
    assertEquals(sort, sortOf("Priority"), "still sorted the same way");
    assertTrue(browser.text(By.id("tasksForm:tasks")).contains("noop") && !browser.text(By.id("tasksForm:tasks")).contains("sleep"), "still only noop tasks");
    assertTrue(browser.stillSamePage(), "no reload");
  }

  private static String sortOf(String header) {
    return (String) browser.js(
        "var ths = document.querySelectorAll('[id=\"tasksForm:tasks\"] th');"
            + "for (var i = 0; i < ths.length; i++) { if (ths[i].textContent.trim() === arguments[0]) {"
            + "  var s = ths[i].getAttribute('aria-sort'); return s && s !== 'none' && s !== 'other' ? s : null; } }"
            + "return null;",
        header);
  }

  @Test
  void theCrashButtonTurnsTheWorkerFailedInThePictureAndOnItsCardAndItsTasksRunElsewhere() {
    List<String> ids = submit(6, "{\"type\":\"sleep\",\"checkpoint_interval_s\":1,\"data\":{\"steps\":40,\"step_ms\":300}}");
    await("tasks on every worker").atMost(Duration.ofSeconds(30)).until(() -> runningByWorker(ids).size() == 3);
    String victim = runningByWorker(ids).entrySet().stream().max(Map.Entry.comparingByValue((a, b) -> a.size() - b.size())).orElseThrow().getKey();
    List<String> lost = runningByWorker(ids).get(victim);

    page("index.xhtml");
    browser.mark();
    String picture = browser.handle();
    browser.openTab(base + "workers.xhtml");
    browser.awaitLive();
    browser.mark();
    browser.screenshot("workers");
    browser.click(By.cssSelector("[data-worker-card='" + victim + "'] [id$='failButton']"));
    await("the fail dialog").atMost(Duration.ofSeconds(10)).until(() -> browser.find(By.id("failForm:confirmFail")).isDisplayed());
    browser.click(By.id("failForm:confirmFail")); // crash is the default
    await(victim + "'s card says FAILED")
        .atMost(Duration.ofSeconds(20))
        .until(() -> browser.text(By.cssSelector("[data-cond='" + victim + "']")).equals("FAILED"));
    assertTrue(browser.stillSamePage(), "the cards changed without a reload");
    // the cards are rendered again within a second of a worker's change: its list no longer names the tasks it lost
    await(victim + "'s card lists none of its lost tasks")
        .atMost(Duration.ofSeconds(10))
        .until(() -> browser.all(By.cssSelector("[data-worker-card='" + victim + "'] .running [data-task]")).isEmpty());
    browser.screenshot("workers-failed");

    browser.switchTo(picture);
    By worker = By.cssSelector("g.worker[data-worker='" + victim + "']");
    await(victim + " FAILED in the picture")
        .atMost(Duration.ofSeconds(20))
        .until(() -> "FAILED".equals(browser.find(worker).getAttribute("data-cond")) && browser.find(worker).getText().contains("FAILED"));
    await("its tasks running on other workers in the picture")
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                lost.stream()
                    .allMatch(
                        id -> {
                          List<WebElement> chip = browser.all(By.cssSelector("g.chip[data-task='" + id + "']"));
                          return !chip.isEmpty()
                              && "RUNNING".equals(chip.get(0).getAttribute("data-status"))
                              && !victim.equals(chip.get(0).getAttribute("data-worker"));
                        }));
    assertTrue(browser.stillSamePage(), "the picture changed without a reload");
    assertTrue(browser.text(By.id("explain-story")).contains(victim + " FAILED"), browser.text(By.id("explain-story")));
    browser.screenshot("picture-recovery");
  }

  @Test
  void aWorkerCutOffFromTheClusterShowsAsAZombieWhileItsProcessLivesOn() {
    page("workers.xhtml");
    browser.mark();
    String victim = "worker-3";
    browser.click(By.cssSelector("[data-worker-card='" + victim + "'] [id$='failButton']"));
    await("the fail dialog").atMost(Duration.ofSeconds(10)).until(() -> browser.find(By.id("failForm:confirmFail")).isDisplayed());
    browser.js("document.querySelector(\"[id='failForm:mode'] input[value='partition']\").click();");
    browser.click(By.id("failForm:confirmFail"));
    await(victim + " first LATE, then declared failed but alive: a ZOMBIE")
        .atMost(Duration.ofSeconds(20))
        .until(() -> browser.text(By.cssSelector("[data-cond='" + victim + "']")).equals("ZOMBIE"));
    assertTrue(browser.text(By.cssSelector("[data-why='" + victim + "']")).contains("alive and cut off"));
    assertTrue(browser.stillSamePage());
    browser.screenshot("workers-zombie");
  }

  @Test
  void migrateThroughTheDialogPutsTheTaskOnTheChosenWorkerAndItCompletesOnce() {
    String id = submit(1, "{\"type\":\"sleep\",\"checkpoint_interval_s\":1,\"data\":{\"steps\":30,\"step_ms\":300}}").get(0);
    await("running").atMost(Duration.ofSeconds(20)).until(() -> task(id).getString("status").equals("RUNNING"));
    String from = task(id).getString("worker_id");
    String to = List.of("worker-1", "worker-2", "worker-3").stream().filter(w -> !w.equals(from)).findFirst().orElseThrow();

    page("task.xhtml?id=" + id);
    browser.mark();
    browser.click(By.id("detailForm:migrateButton"));
    await("the migrate dialog").atMost(Duration.ofSeconds(10)).until(() -> browser.find(By.id("migrateForm:confirmMigrate")).isDisplayed());
    choose("targetMenu", to);
    browser.screenshot("task-migrate");
    browser.click(By.id("migrateForm:confirmMigrate"));
    await("the page shows it running on " + to)
        .atMost(Duration.ofSeconds(30))
        .until(() -> browser.text(By.id("detailForm:detail")).contains(to) && browser.text(By.id("task-status")).equals("RUNNING")
            && task(id).getString("worker_id").equals(to));
    await("completed").atMost(Duration.ofSeconds(60)).until(() -> browser.text(By.id("task-status")).equals("COMPLETED"));
    assertTrue(browser.stillSamePage(), "no reload");
    assertEquals(to, task(id).getString("worker_id"));
    assertEquals(1, completions(id));
    String history = browser.text(By.cssSelector(".timeline"));
    assertTrue(history.contains("RUNNING → MIGRATING") && history.contains("requested by console"), history);
    browser.screenshotWhole("task");
  }

  @Test
  void overloadThroughTheCardShowsTheBalancersMovesInThePictureAndInTheEvents() {
    List<String> ids = submit(7, "{\"type\":\"sleep\",\"data\":{\"steps\":40,\"step_ms\":400}}");
    await("running").atMost(Duration.ofSeconds(30)).until(() -> runningByWorker(ids).values().stream().mapToInt(List::size).sum() == 7);
    String busy = runningByWorker(ids).entrySet().stream().max(Map.Entry.comparingByValue((a, b) -> a.size() - b.size())).orElseThrow().getKey();

    page("index.xhtml");
    browser.mark();
    String picture = browser.handle();
    browser.openTab(base + "workers.xhtml");
    browser.awaitLive();
    browser.click(By.cssSelector("[data-worker-card='" + busy + "'] [id$='overloadButton']"));
    await("the overload dialog").atMost(Duration.ofSeconds(10)).until(() -> browser.find(By.id("overloadForm:confirmOverload")).isDisplayed());
    browser.js("PF(arguments[0]).setValue(4);", widgetOf("overloadForm:factor"));
    browser.click(By.id("overloadForm:confirmOverload"));
    await(busy + " OVERLOADED on its card")
        .atMost(Duration.ofSeconds(15))
        .until(() -> browser.text(By.cssSelector("[data-cond='" + busy + "']")).equals("OVERLOADED"));

    browser.switchTo(picture);
    await("the balancer's moves explained beside the picture")
        .atMost(Duration.ofSeconds(20))
        .until(() -> browser.text(By.id("explain-story")).contains("is migrating from " + busy));
    assertEquals("OVERLOADED", browser.find(By.cssSelector("g.worker[data-worker='" + busy + "']")).getAttribute("data-cond"));
    assertTrue(browser.stillSamePage());
    browser.screenshot("picture-overload");

    page("events.xhtml");
    choose("kindMenu", "task.migrating");
    await("the filter applied")
        .atMost(Duration.ofSeconds(10))
        .until(() -> "task.migrating".equals(browser.find(By.id("eventsForm:list")).getAttribute("data-filter-kind")));
    await("the moves in the event log")
        .atMost(Duration.ofSeconds(15))
        .until(() -> browser.text(By.id("events-body")).contains("balancer: " + busy + " is overloaded"));
    browser.screenshot("events");
  }

  private static String widgetOf(String clientId) {
    return (String) browser.js("return PrimeFaces.getWidgetById(arguments[0]).widgetVar;", clientId);
  }

  @Test
  void aScenarioRunFromTheConsoleTicksItsStepsAndEndsWithItsSummary() {
    page("scenarios.xhtml");
    browser.mark();
    browser.click(By.cssSelector("[data-scenario='demo-scenario']"));
    await("the run starts").atMost(Duration.ofSeconds(10)).until(() -> browser.text(By.id("run-state")).equals("RUNNING"));
    await("step 4 (the crash) ticks when the system gets there")
        .atMost(Duration.ofSeconds(90))
        .until(() -> "DONE".equals(browser.js("var li = document.querySelector(\"#run-steps li[data-step='4']\"); return li && li.className;")));
    browser.screenshot("scenarios");
    await("the verdict").atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofSeconds(1)).until(() -> !browser.text(By.id("run-state")).equals("RUNNING"));
    String log = browser.text(By.id("run-log"));
    assertEquals("PASSED", browser.text(By.id("run-state")), log);
    assertTrue(log.contains("completed exactly once: 5 of 5  OK"), log);
    assertEquals(
        Boolean.TRUE,
        browser.js("return Array.prototype.every.call(document.querySelectorAll('#run-steps li'), function (li) { return li.className === 'DONE'; });"));
    assertTrue(browser.stillSamePage());
    browser.screenshotWhole("scenarios-passed");
  }

  @Test
  void cancelAndRetryWorkFromATasksPageAndInBulkFromTheTable() {
    // single: a failed task requeued from its page completes there, live
    String poison = "{\"type\":\"sleep\",\"data\":{\"steps\":1,\"step_ms\":10,\"fail_attempts\":1}}";
    String failed = submit(1, poison).get(0);
    await("FAILED").atMost(Duration.ofSeconds(20)).until(() -> task(failed).getString("status").equals("FAILED"));
    page("task.xhtml?id=" + failed);
    browser.mark();
    browser.click(By.id("detailForm:retryButton"));
    await("COMPLETED on the page").atMost(Duration.ofSeconds(20)).until(() -> browser.text(By.id("task-status")).equals("COMPLETED"));
    assertTrue(browser.stillSamePage());
    assertEquals(2, task(failed).getInt("attempt"));

    // single: a running task cancelled from its page, after the confirmation
    String running = submit(1, "{\"type\":\"sleep\",\"data\":{\"steps\":60,\"step_ms\":250}}").get(0);
    await("RUNNING").atMost(Duration.ofSeconds(20)).until(() -> task(running).getString("status").equals("RUNNING"));
    page("task.xhtml?id=" + running);
    browser.click(By.id("detailForm:cancelButton"));
    await("the confirmation").atMost(Duration.ofSeconds(5)).until(() -> browser.find(By.id("messagesForm:confirmYes")).isDisplayed());
    browser.click(By.id("messagesForm:confirmYes"));
    await("CANCELLED on the page").atMost(Duration.ofSeconds(10)).until(() -> browser.text(By.id("task-status")).equals("CANCELLED"));
    assertTrue(task(running).getString("progress_message").startsWith("step"), "it stopped at a step boundary");

    // single: the finished task deleted from its page, after the confirmation; the table says so
    await("the delete button").atMost(Duration.ofSeconds(5)).until(() -> !browser.all(By.id("detailForm:deleteButton")).isEmpty());
    browser.click(By.id("detailForm:deleteButton"));
    await("the confirmation").atMost(Duration.ofSeconds(5)).until(() -> browser.find(By.id("messagesForm:confirmYes")).isDisplayed());
    browser.click(By.id("messagesForm:confirmYes"));
    await("gone").atMost(Duration.ofSeconds(10)).until(() -> http.get("api/tasks/" + running).status() == 404);
    await("on the task table, told").atMost(Duration.ofSeconds(10)).until(() -> browser.driver.getCurrentUrl().contains("tasks.xhtml") && growl().contains("Deleted"));

    // bulk: every SCHEDULED task of the table, with its due time shown, cancelled at once
    List<String> later = submit(3, "{\"type\":\"noop\",\"countdown_s\":120}");
    page("tasks.xhtml?status=SCHEDULED");
    await("the due times").atMost(Duration.ofSeconds(10)).until(() -> browser.all(By.cssSelector("[data-task-due]")).size() >= 3);
    browser.screenshot("tasks-scheduled");
    browser.click(By.id("tasksForm:cancelMatching"));
    await("the confirmation").atMost(Duration.ofSeconds(5)).until(() -> browser.find(By.id("messagesForm:confirmYes")).isDisplayed());
    browser.click(By.id("messagesForm:confirmYes"));
    await("all cancelled").atMost(Duration.ofSeconds(10)).until(() -> later.stream().allMatch(id -> task(id).getString("status").equals("CANCELLED")));
    await("told").atMost(Duration.ofSeconds(5)).until(() -> growl().contains("Cancelled")); // the answer may land after the cancels

    // bulk: the dead-letter tab requeued at once
    List<String> dead = submit(3, poison);
    await("FAILED").atMost(Duration.ofSeconds(20)).until(() -> dead.stream().allMatch(id -> task(id).getString("status").equals("FAILED")));
    page("tasks.xhtml?status=FAILED");
    browser.click(By.id("tasksForm:retryMatching"));
    await("all completed").atMost(Duration.ofSeconds(30)).until(() -> dead.stream().allMatch(id -> task(id).getString("status").equals("COMPLETED")));
    await("told").atMost(Duration.ofSeconds(5)).until(() -> growl().contains("Requeued"));
  }

  @Test
  void aScheduleMadeInTheConsoleTicksLiveAndIsPausedTriggeredAndDeleted() {
    page("schedules.xhtml");
    type("scheduleForm:name", "console-every-2s");
    type("scheduleForm:cron", "not a cron");
    browser.click(By.id("scheduleForm:save"));
    await("the inline message").atMost(Duration.ofSeconds(10)).until(() -> browser.text(By.id("scheduleForm")).contains("is not a cron expression"));
    assertEquals(404, http.get("api/schedules/console-every-2s").status(), "nothing stored");

    type("scheduleForm:cron", "*/2 * * * * *");
    browser.click(By.id("scheduleForm:save"));
    By fires = By.cssSelector("[data-fires='console-every-2s']");
    await("listed").atMost(Duration.ofSeconds(10)).until(() -> !browser.all(fires).isEmpty());
    browser.mark();
    await("ticks counted live").atMost(Duration.ofSeconds(15)).until(() -> browser.text(fires).startsWith("2 ") || browser.text(fires).startsWith("3 "));
    assertTrue(browser.stillSamePage(), "no reload");
    browser.screenshot("schedules");

    browser.click(By.cssSelector("[data-pause='console-every-2s']"));
    await("paused").atMost(Duration.ofSeconds(10)).until(() -> http.get("api/schedules/console-every-2s").json().getBoolean("paused"));
    long firesPaused = http.get("api/schedules/console-every-2s").json().getJsonNumber("fires").longValue();
    browser.click(By.cssSelector("[data-trigger='console-every-2s']"));
    await("triggered").atMost(Duration.ofSeconds(10)).until(() -> growl().contains("Triggered"));
    assertEquals(firesPaused + 1, http.get("api/schedules/console-every-2s").json().getJsonNumber("fires").longValue());

    browser.click(By.cssSelector("[data-delete='console-every-2s']"));
    await("the confirmation").atMost(Duration.ofSeconds(5)).until(() -> browser.find(By.id("messagesForm:confirmYes")).isDisplayed());
    browser.click(By.id("messagesForm:confirmYes"));
    await("deleted").atMost(Duration.ofSeconds(10)).until(() -> http.get("api/schedules/console-every-2s").status() == 404);
  }

  @Test
  void updatesArriveOverAWebSocketNotByPollingAndQuickly() {
    // Measured on a quiet cluster: tasks of earlier tests still running would add their own events.
    await("no task running or waiting")
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(250))
        .until(() -> {
          JsonObject counts = http.get("api/system/status").json().getJsonObject("tasks");
          return counts.getInt("RUNNING") + counts.getInt("CREATED") + counts.getInt("RECOVERING") + counts.getInt("MIGRATING") == 0;
        });
    page("events.xhtml");
    choose("kindMenu", "task.created");
    await("the filter applied")
        .atMost(Duration.ofSeconds(10))
        .until(() -> "task.created".equals(browser.find(By.id("eventsForm:list")).getAttribute("data-filter-kind")));
    browser.mark();
    browser.network(); // drop what loading the page logged
    // Quiet: pushes still arrive (a keep-alive a second) and the page asks for nothing.
    int pushes = ((Number) browser.js("return Baton.pushes")).intValue();
    await("three more pushes").atMost(Duration.ofSeconds(8)).until(() -> ((Number) browser.js("return Baton.pushes")).intValue() >= pushes + 3);
    Traffic quiet = Traffic.of(browser.network());
    assertEquals(0, quiet.requests(), "no request while nothing happens: " + quiet);
    assertTrue(quiet.frames() >= 3, "the pushes came over the WebSocket: " + quiet);

    browser.js(
        "window.__latencies = [];"
            + "new MutationObserver(function (ms) { ms.forEach(function (m) { m.addedNodes.forEach(function (n) {"
            + "  if (n.dataset && n.dataset.at && n.dataset.eventId) { window.__latencies.push(Date.now() - Number(n.dataset.at)); } }); }); })"
            + ".observe(document.getElementById('events-body'), { childList: true });");
    // Small rounds: a push carries the newest 40 routine events; more would make the page render its list again.
    for (int round = 1; round <= 12; round++) {
      submit(5, "{\"type\":\"noop\"}");
      int expected = round * 5;
      await("round " + round + " in the list")
          .atMost(Duration.ofSeconds(10))
          .pollInterval(Duration.ofMillis(50))
          .until(() -> ((Number) browser.js("return window.__latencies.length")).intValue() >= expected);
    }
    Traffic busy = Traffic.of(browser.network());
    assertTrue(busy.frames() > 0, busy.toString());
    assertEquals(0, busy.requests(), "the list grew from the pushes alone: " + busy);
    assertTrue(browser.stillSamePage(), "no reload");
    @SuppressWarnings("unchecked")
    List<Number> raw = (List<Number>) browser.js("return window.__latencies");
    List<Long> ms = raw.stream().map(Number::longValue).sorted().toList();
    long p50 = ms.get(ms.size() / 2);
    long p95 = ms.get((int) Math.ceil(ms.size() * 0.95) - 1);
    System.out.printf(Locale.ROOT, "CONSOLE event in Redis -> DOM change: p50 %d ms, p95 %d ms (n=%d)%n", p50, p95, ms.size());
    assertTrue(p95 < 5_000, "events show within seconds, not polls apart: " + ms);
  }

  /** What the browser sent and received in a window: HTTP requests made and WebSocket frames received. */
  private record Traffic(int requests, int frames, List<String> urls) {
    static Traffic of(List<String> log) {
      int requests = 0;
      int frames = 0;
      List<String> urls = new ArrayList<>();
      for (String m : log) {
        if (m.contains("\"Network.requestWillBeSent\"") && !m.contains("\"url\":\"data:")) {
          requests++;
          int u = m.indexOf("\"url\":\"");
          urls.add(u < 0 ? "?" : m.substring(u + 7, Math.min(m.length(), m.indexOf('"', u + 7))));
        } else if (m.contains("\"Network.webSocketFrameReceived\"")) {
          frames++;
        }
      }
      return new Traffic(requests, frames, urls);
    }
  }

  @Test
  void theFormsLifecycleFieldsReachTheTaskAndTheirRulesShowBesideThem() {
    page("create.xhtml");
    choose("typeMenu", "sleep");
    await().atMost(Duration.ofSeconds(10)).until(() -> browser.text(By.id("createForm:params")).contains("steps"));
    long before = totalTasks();
    type("createForm:countdown_s", "5");
    type("createForm:run_at", "2099-01-01T00:00:00Z");
    browser.click(By.id("createForm:create"));
    await("the API's rule beside run_at").atMost(Duration.ofSeconds(10))
        .until(() -> !browser.all(By.cssSelector("[id='createForm:run_at'] ~ .ui-message-error")).isEmpty());
    assertEquals(before, totalTasks(), "nothing was stored");
    browser.screenshot("create-lifecycle");

    type("createForm:run_at", "");
    type("createForm:countdown_s", "3600");
    type("createForm:max_retries", "2");
    choose("backoffMenu", "fixed");
    type("createForm:retry_delay_ms", "250");
    type("createForm:time_limit_s", "60");
    type("createForm:soft_time_limit_s", "50");
    browser.click(By.id("createForm:create"));
    await("the created task is linked").atMost(Duration.ofSeconds(10)).until(() -> !browser.all(By.cssSelector("a.created-task")).isEmpty());
    String href = browser.find(By.cssSelector("a.created-task")).getAttribute("href");
    JsonObject t = task(href.substring(href.indexOf("id=") + 3));

    assertEquals("SCHEDULED", t.getString("status"));
    assertEquals(2, t.getInt("max_retries"));
    assertEquals("fixed", t.getString("retry_backoff"));
    assertEquals(250, t.getInt("retry_delay_ms"));
    assertEquals(60, t.getInt("time_limit_s"));
    assertEquals(50, t.getInt("soft_time_limit_s"));
    assertEquals(202, http.post("api/tasks/" + t.getString("id") + "/cancel", "").status());
  }

  @Test
  void aTasksPageShowsItsParentsTheirResultsAndItsDependents() {
    Answer a =
        http.post(
            "api/tasks/batch",
            "{\"tasks\":[{\"type\":\"computation\",\"ref\":\"gen\",\"data\":{\"input\":[1,2,3],\"iterations\":50}},"
                + "{\"type\":\"noop\",\"ref\":\"report\",\"depends_on\":\"gen\"}]}");
    assertEquals(201, a.status(), a.toString());
    String gen = a.json().getJsonArray("tasks").getJsonObject(0).getString("id");
    String report = a.json().getJsonArray("tasks").getJsonObject(1).getString("id");
    await("the chain ran").atMost(Duration.ofSeconds(30)).until(() -> task(report).getString("status").equals("COMPLETED"));

    page("task.xhtml?id=" + report);
    await("its parent, linked").atMost(Duration.ofSeconds(10)).until(() -> !browser.all(By.cssSelector("[data-parent='" + gen + "']")).isEmpty());
    assertTrue(browser.text(By.id("task-parent-results")).contains(gen), "the results it received, by parent");
    assertEquals(2, browser.all(By.cssSelector("svg.dep-graph [data-node]")).size(), "the picture draws the parent and the task");
    assertFalse(browser.all(By.cssSelector("svg.dep-graph [data-node='" + gen + "'] rect.st-completed")).isEmpty());
    browser.js("document.getElementById('task-dependencies').scrollIntoView()");
    browser.screenshot("task-dependencies");
    browser.click(By.cssSelector("[data-parent='" + gen + "']"));
    await("the parent's page lists it").atMost(Duration.ofSeconds(10)).until(() -> !browser.all(By.cssSelector("[data-dependent='" + report + "']")).isEmpty());
  }

  @Test
  void theQueuesPageSetsLimitsShowsWhatRunsAndWaitsLiveAndPausesStopsAndStartsAQueue() {
    page("queues.xhtml");
    type("limitsForm:name", "console-q");
    type("limitsForm:concurrency", "0");
    browser.click(By.id("limitsForm:save"));
    await("the inline message").atMost(Duration.ofSeconds(10)).until(() -> browser.text(By.id("limitsForm")).contains("concurrency must be a whole number from 1"));
    assertEquals(404, http.get("api/queues/console-q").status(), "nothing stored");

    type("limitsForm:concurrency", "1");
    browser.click(By.id("limitsForm:save"));
    await("listed").atMost(Duration.ofSeconds(10)).until(() -> !browser.all(By.cssSelector("[data-queue='console-q']")).isEmpty());
    browser.mark();
    List<String> ids = submit(3, "{\"type\":\"sleep\",\"queue\":\"console-q\",\"checkpoint_interval_s\":1,\"data\":{\"steps\":12,\"step_ms\":250}}");
    By running = By.cssSelector("[data-running='console-q']");
    By parked = By.cssSelector("[data-parked='console-q']");
    await("one runs, two wait, shown live").atMost(Duration.ofSeconds(15))
        .until(() -> browser.text(running).startsWith("1 · 1") && browser.text(parked).equals("2"));
    assertTrue(browser.stillSamePage(), "no reload");
    topOfThePage();
    browser.screenshot("queues");

    browser.click(By.cssSelector("[data-stop='console-q']"));
    await("the confirmation").atMost(Duration.ofSeconds(5)).until(() -> browser.find(By.id("messagesForm:confirmYes")).isDisplayed());
    browser.click(By.id("messagesForm:confirmYes"));
    await("stopped: nothing runs").atMost(Duration.ofSeconds(10))
        .until(() -> browser.text(By.cssSelector("[data-state='console-q']")).equals("stopped") && browser.text(running).startsWith("0 ·"));
    browser.click(By.cssSelector("[data-resume='console-q']"));
    await("all three completed").atMost(Duration.ofSeconds(60)).until(() -> ids.stream().allMatch(id -> task(id).getString("status").equals("COMPLETED")));
    assertTrue(ids.stream().allMatch(id -> completions(id) == 1));
  }

  @Test
  void theWebhooksPageRegistersOneAndShowsItsDeliveries() throws Exception {
    var received = new java.util.concurrent.CopyOnWriteArrayList<String>();
    var receiver = com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", 0), 0);
    receiver.createContext("/hook", ex -> {
      received.add(new String(ex.getRequestBody().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
      ex.sendResponseHeaders(204, -1);
      ex.close();
    });
    receiver.start();
    String url = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
    try {
      page("webhooks.xhtml");
      type("webhookForm:url", "ftp://example.org/x");
      type("webhookForm:secret", "short");
      browser.click(By.id("webhookForm:save"));
      await("inline messages").atMost(Duration.ofSeconds(10)).until(() -> browser.text(By.id("webhookForm")).contains("secret"));
      assertTrue(browser.text(By.id("webhookForm")).contains("url"), browser.text(By.id("webhookForm")));

      // loopback is refused until an admin allows the host (the manager is no port scanner): said beside the field
      type("webhookForm:url", url);
      type("webhookForm:secret", "a-console-secret-of-some-length");
      browser.click(By.id("webhookForm:save"));
      await("refused inline").atMost(Duration.ofSeconds(10)).until(() -> browser.text(By.id("webhookForm")).contains("allowed-hosts"));
      assertEquals(200, http.method("PUT", "api/webhooks/allowed-hosts", "{\"hosts\":[\"127.0.0.1:" + receiver.getAddress().getPort() + "\"]}").status());
      type("webhookForm:url", url);
      type("webhookForm:secret", "a-console-secret-of-some-length");
      browser.click(By.id("webhookForm:save"));
      await("listed").atMost(Duration.ofSeconds(10)).until(() -> browser.text(By.id("webhooksForm")).contains(url));
      String id = submit(1, "{\"type\":\"noop\"}").get(0);
      await("delivered and shown").atMost(Duration.ofSeconds(20))
          .until(() -> !received.isEmpty() && browser.text(By.id("webhooksForm")).contains(id.substring(0, 8)));
      topOfThePage();
      browser.screenshot("webhooks");
      String hook = browser.find(By.cssSelector("[data-webhook]")).getAttribute("data-webhook");
      browser.click(By.cssSelector("[data-delete='" + hook + "']"));
      await("the confirmation").atMost(Duration.ofSeconds(5)).until(() -> browser.find(By.id("messagesForm:confirmYes")).isDisplayed());
      browser.click(By.id("messagesForm:confirmYes"));
      await("deleted").atMost(Duration.ofSeconds(10)).until(() -> http.get("api/webhooks/" + hook).status() == 404);
    } finally {
      http.method("PUT", "api/webhooks/allowed-hosts", "{\"hosts\":[]}");
      receiver.stop(0);
    }
  }

  @Test
  void badInputStaysOnThePageAndStoresNothing() {
    page("create.xhtml");
    choose("typeMenu", "sleep");
    await().atMost(Duration.ofSeconds(10)).until(() -> browser.text(By.id("createForm:params")).contains("steps"));
    long before = totalTasks();

    type("createForm:data", "{\"steps\": 5,");
    browser.click(By.id("createForm:create"));
    By dataMessage = By.cssSelector("[id='createForm:data'] ~ .ui-message, .ui-message[id*='createForm']");
    await("an inline message for data").atMost(Duration.ofSeconds(10)).until(() -> browser.text(By.cssSelector("body")).contains("data is not valid JSON (line 1"));
    assertFalse(browser.all(dataMessage).isEmpty());
    browser.screenshot("create-invalid-json");

    type("createForm:data", "{\"steps\": 5}");
    type("createForm:priority", "12");
    type("createForm:count", "3");
    browser.click(By.id("createForm:create"));
    await("the API's rule beside the priority").atMost(Duration.ofSeconds(10)).until(() -> browser.text(By.cssSelector("body")).contains("priority must be an integer from 0 to 9"));

    type("createForm:priority", "3");
    type("createForm:data", "{\"steps\": 0}");
    browser.click(By.id("createForm:create"));
    await("a parameter's rule beside the data").atMost(Duration.ofSeconds(10)).until(() -> browser.text(By.cssSelector("body")).contains("data.steps must be"));
    assertEquals(before, totalTasks(), "nothing was stored");
    assertFalse(browser.text(By.cssSelector("body")).contains("Exception"), "no exception page");
  }

  @Test
  void everyViewWorksWideAndNarrowWithTheKeyboardAndWithoutErrors() {
    submit(4, "{\"type\":\"sleep\",\"checkpoint_interval_s\":1,\"data\":{\"steps\":30,\"step_ms\":300}}");
    page("index.xhtml");
    await("tasks on the picture").atMost(Duration.ofSeconds(20)).until(() -> !browser.all(By.cssSelector("g.chip.st-running")).isEmpty());
    // Keyboard: Tab reaches a task chip; Enter selects it and the panel explains it.
    WebElement focused = null;
    for (int i = 0; i < 80; i++) {
      browser.driver.switchTo().activeElement().sendKeys(Keys.TAB);
      focused = browser.driver.switchTo().activeElement();
      String cls = focused.getAttribute("class");
      if (cls != null && cls.contains("chip") && cls.contains("st-running")) {
        break;
      }
    }
    assertTrue(focused != null && focused.getAttribute("class").contains("chip"), "a task chip can be reached with Tab");
    focused.sendKeys(Keys.ENTER);
    await("the selected task explained").atMost(Duration.ofSeconds(5)).until(() -> browser.text(By.id("explain-selected")).startsWith("Task "));
    browser.screenshot("picture");

    for (String view : List.of("tasks", "workers", "events", "charts", "create", "queues", "schedules", "webhooks", "scenarios")) {
      page(view + ".xhtml");
      if (view.equals("charts")) {
        await().atMost(Duration.ofSeconds(5)).until(() -> (Boolean) browser.js("return !!document.querySelector('canvas')"));
        browser.screenshotWhole("charts");
      }
    }
    browser.resize(390, 844);
    for (String view : List.of("index", "tasks", "workers", "events", "charts", "create", "queues", "schedules", "webhooks", "scenarios")) {
      page(view + ".xhtml");
      long overflow = ((Number) browser.js("return document.documentElement.scrollWidth - window.innerWidth")).longValue();
      assertTrue(overflow <= 1, view + " fits a narrow screen (" + overflow + " px too wide)");
      if (view.equals("index")) {
        browser.screenshot("narrow-picture");
      }
    }
    browser.resize(1280, 800);
  }

  @Test
  void aManagerRestartIsShownAndThePageComesBackByItself() {
    browser.errors(); // earlier entries are not this test's
    page("index.xhtml");
    browser.mark();
    cluster.demo("kill", "manager");
    await("the page says it is disconnected")
        .atMost(Duration.ofSeconds(30))
        .until(() -> browser.text(By.id("connection")).equals("disconnected") && browser.text(By.id("banner")).contains("Disconnected from the manager"));
    browser.screenshot("disconnected");
    cluster.demo("start");
    await("the page is back, reloaded, and says what happened")
        .atMost(Duration.ofSeconds(120))
        .pollInterval(Duration.ofMillis(500))
        .until(() -> !browser.stillSamePage() && browser.text(By.id("banner")).contains("Reconnected: the manager was unreachable for"));
    browser.awaitLive();
    assertEquals("live", browser.text(By.id("connection")));
    // While the manager was away, the browser logged its failed connection attempts, and nothing else.
    List<String> others =
        browser.errors().stream()
            .filter(e -> !(e.contains("WebSocket") || e.contains("ERR_CONNECTION_REFUSED") || e.contains("Failed to load resource")))
            .toList();
    assertTrue(others.isEmpty(), "only the lost connection was logged: " + others);
  }

  @Test
  void aLostSessionLeadsToTheLoginAndBack() {
    page("tasks.xhtml");
    browser.mark();
    browser.driver.manage().deleteAllCookies(); // the session and the login are gone, as after a logout elsewhere
    browser.click(By.cssSelector("[id$='tab-ALL']"));
    await("the page's request leads to the login form, no error")
        .atMost(Duration.ofSeconds(20))
        .until(() -> !browser.stillSamePage() && browser.driver.getCurrentUrl().contains("/login.xhtml"));
    assertFalse(browser.text(By.cssSelector("body")).contains("Exception"), "no exception page");
    assertEquals("", browser.logIn(cluster.managerUrl(), "admin", cluster.adminPassword()), "logged in again");
    page("tasks.xhtml");
  }

}
