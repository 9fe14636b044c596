package dev.baton.console.pages;

import dev.baton.event.BatonEvent;
import dev.baton.manager.system.control.EventLookup;
import dev.baton.manager.system.control.Explanations;
import dev.baton.store.StoreUnavailableException;
import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * The event log, newest first and explained in words: filter by kind, task and worker, page back through
 * history; new events flow in live unless paused (the page does that in the browser, with the same filters).
 */
@Named
@ViewScoped
public class EventsPage implements Serializable {
  private static final long serialVersionUID = 1L;
  static final int PAGE = 50;
  /** How far back one page of a filtered search looks before it says "nothing here, look further". */
  static final int SCANNED_PER_PAGE = 20_000;

  public static final List<String> KINDS = java.util.Arrays.stream(dev.baton.event.EventType.values()).map(dev.baton.event.EventType::wireName).toList();

  @Inject EventLookup log;
  @Inject dev.baton.manager.security.Callers callers;
  @Inject dev.baton.manager.tasks.control.TaskOwners owners;

  /** One event as the list shows it. */
  public record Row(String id, Instant at, String type, String taskId, String workerId, String text, String why) {}

  private String kind = "";
  private String task = "";
  private String worker = "";
  private final Deque<String> before = new ArrayDeque<>(); // cursors of the pages above this one
  private String cursor; // this page starts before it (null: the newest)
  private String next;
  private int scanned;
  private transient List<Row> rows;
  private boolean unavailable;

  @PostConstruct
  void init() {
    load();
  }

  public void load() {
    try {
      var me = callers.console();
      EventLookup.Search s = log.search(filter().and(e -> owners.visible(e, me)), cursor, PAGE, SCANNED_PER_PAGE);
      rows = s.events().stream().map(EventsPage::row).toList();
      next = s.next();
      scanned = s.scanned();
      unavailable = false;
    } catch (StoreUnavailableException e) {
      rows = List.of();
      unavailable = true;
    }
  }

  static Row row(BatonEvent e) {
    Explanations.Explanation x = Explanations.of(e);
    return new Row(e.id(), e.at(), e.type(), e.taskId(), e.workerId() == null || e.workerId().isEmpty() ? null : e.workerId(), x.text(), x.why());
  }

  Predicate<BatonEvent> filter() {
    String k = kind == null ? "" : kind;
    String t = task == null ? "" : task.trim().toLowerCase(Locale.ROOT);
    String w = worker == null ? "" : worker.trim();
    return e ->
        (k.isEmpty() || e.type().equals(k) || (!k.contains(".") && e.type().startsWith(k + ".")))
            && (t.isEmpty() || (e.taskId() != null && e.taskId().startsWith(t)))
            && (w.isEmpty() || w.equals(e.workerId()));
  }

  /** The filters changed: the newest matching events. */
  public void apply() {
    before.clear();
    cursor = null;
    load();
  }

  public void older() {
    if (next != null) {
      before.push(cursor == null ? "" : cursor);
      cursor = next;
      load();
    }
  }

  public void newer() {
    if (!before.isEmpty()) {
      String c = before.pop();
      cursor = c.isEmpty() ? null : c;
      load();
    }
  }

  public void newest() {
    apply();
  }

  public boolean isAtNewest() {
    return cursor == null;
  }

  public boolean isHasOlder() {
    return next != null;
  }

  public List<Row> getRows() {
    if (rows == null) {
      load();
    }
    return rows;
  }

  public List<String> getKinds() {
    return KINDS;
  }

  /** Where the page stands, in words (how far back a filtered search looked). */
  public String getPosition() {
    String where = cursor == null ? "the newest events" : "older events";
    return where + (getRows().size() < PAGE && next != null ? " — looked through " + scanned + " entries; page back to look further" : "");
  }

  public boolean isUnavailable() {
    return unavailable;
  }

  public String getKind() {
    return kind;
  }

  public void setKind(String kind) {
    this.kind = kind == null ? "" : kind;
  }

  public String getTask() {
    return task;
  }

  public void setTask(String task) {
    this.task = task == null ? "" : task;
  }

  public String getWorker() {
    return worker;
  }

  public void setWorker(String worker) {
    this.worker = worker == null ? "" : worker;
  }
}
