package dev.baton.console.pages;

import dev.baton.cluster.WorkerRecord;
import dev.baton.console.faces.Attempt;
import dev.baton.console.faces.FieldMessages;
import dev.baton.manager.operations.Operations;
import dev.baton.manager.tasks.control.TaskLookup;
import dev.baton.manager.workers.control.WorkerLookup;
import dev.baton.store.StoreUnavailableException;
import dev.baton.task.TaskRecord;
import dev.baton.task.TaskStatus;
import jakarta.annotation.PostConstruct;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.IOException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.regex.Pattern;
import org.primefaces.event.SelectEvent;

/**
 * The task table: tabs by status with live counts, filters by type and worker, search by the start of the
 * id, sort by created, priority or progress; a row opens the task. Filters are in the URL, so a view of
 * the table can be linked (e.g. the tasks of one worker).
 */
@Named
@ViewScoped
public class TaskListPage implements Serializable {
  private static final long serialVersionUID = 1L;
  /** Searchable text: the start of an id or words of a label, no control characters. */
  private static final Pattern SEARCH = Pattern.compile("[^\\p{Cntrl}]{1,100}");

  @Inject dev.baton.manager.security.Callers callers;
  @Inject TaskLookup lookup;
  @Inject WorkerLookup workers;
  @Inject Operations ops;

  private String status;
  private String type;
  private String worker;
  private String q;
  private TaskLazyModel model;
  private TaskRecord selected;
  private java.util.Map<TaskStatus, Long> counts = java.util.Map.of();

  @PostConstruct
  void init() {
    var me = callers.console();
    model = new TaskLazyModel(lookup, this::filters, me.seesAll() ? null : String.valueOf(me.user()));
    try {
      counts = lookup.counts(callers.console());
    } catch (StoreUnavailableException e) {
      counts = java.util.Map.of();
    }
  }

  /** Tasks per status when the page was made (pushes keep the tabs' numbers current). */
  public long count(String status) {
    if (status == null) {
      return counts.values().stream().mapToLong(Long::longValue).sum();
    }
    return counts.getOrDefault(TaskStatus.valueOf(status), 0L);
  }

  /** Shows a tab (null: all): the table goes back to its first page, keeping its sort. */
  public void show(String status) {
    setStatus(status);
    firstPage();
  }

  /** The filters changed: back to the first page. */
  public void firstPage() {
    var table = FacesContext.getCurrentInstance().getViewRoot().findComponent(":tasksForm:tasks");
    if (table instanceof org.primefaces.component.datatable.DataTable dt) {
      dt.setFirst(0);
    }
  }

  public void clearFilters() {
    status = null;
    type = null;
    worker = null;
    q = null;
    firstPage();
  }

  TaskLazyModel.Filters filters() {
    TaskStatus s = null;
    if (status != null && !status.isBlank()) {
      try {
        s = TaskStatus.valueOf(status.toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        status = null; // an unknown status in the URL shows all
      }
    }
    String prefix = q == null ? null : q.trim().toLowerCase(Locale.ROOT);
    if (prefix != null && !SEARCH.matcher(prefix).matches()) {
      prefix = null;
    }
    return new TaskLazyModel.Filters(s, blank(type), blank(worker), prefix);
  }

  /** A tab of unfinished tasks is shown: its tasks can all be cancelled. */
  public boolean isCancellableFilter() {
    TaskStatus s = filters().status();
    return s != null && !s.isFinal();
  }

  /** The dead-letter tabs (FAILED, DEAD): their tasks can all be requeued. */
  public boolean isRetryableFilter() {
    TaskStatus s = filters().status();
    return s == TaskStatus.FAILED || s == TaskStatus.DEAD;
  }

  public void cancelMatching() {
    Attempt.of(() -> ops.cancelMatching(model.query(0, 1, Map.of()), callers.console()))
        .ifPresent(n -> FieldMessages.info("Cancelled " + n + " task(s)", "Queued ones at once; running ones stop at their next step boundary."));
  }

  public void retryMatching() {
    Attempt.of(() -> ops.retryMatching(model.query(0, 1, Map.of()), callers.console()))
        .ifPresent(n -> FieldMessages.info("Requeued " + n + " task(s)", "Each runs again under its id, from its last checkpoint."));
  }

  /** The tabs: every status and "all". */
  public List<String> getStatuses() {
    List<String> all = new ArrayList<>();
    for (TaskStatus s : TaskStatus.values()) {
      all.add(s.name());
    }
    return all;
  }

  public List<String> getTypes() {
    try {
      return new ArrayList<>(workers.taskTypes().keySet());
    } catch (StoreUnavailableException e) {
      return List.of();
    }
  }

  public List<String> getWorkerIds() {
    try {
      return workers.all().stream().map(WorkerRecord::id).toList();
    } catch (StoreUnavailableException e) {
      return List.of();
    }
  }

  /** A row was chosen: its task's page. */
  public void open(SelectEvent<TaskRecord> event) throws IOException {
    FacesContext fc = FacesContext.getCurrentInstance();
    fc.getExternalContext().redirect(fc.getExternalContext().getRequestContextPath() + "/console/task.xhtml?id=" + event.getObject().id());
  }

  public boolean isSearchInvalid() {
    return q != null && !q.isBlank() && !SEARCH.matcher(q.trim()).matches();
  }

  private static String blank(String s) {
    return s == null || s.isBlank() ? null : s.trim();
  }

  public TaskLazyModel getModel() {
    return model;
  }

  public String getStatus() {
    return status;
  }

  public void setStatus(String status) {
    this.status = blank(status);
  }

  public String getType() {
    return type;
  }

  public void setType(String type) {
    this.type = blank(type);
  }

  public String getWorker() {
    return worker;
  }

  public void setWorker(String worker) {
    this.worker = blank(worker);
  }

  public String getQ() {
    return q;
  }

  public void setQ(String q) {
    this.q = q;
  }

  public TaskRecord getSelected() {
    return selected;
  }

  public void setSelected(TaskRecord selected) {
    this.selected = selected;
  }
}
