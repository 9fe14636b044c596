package dev.baton.console.pages;

import dev.baton.console.faces.Attempt;
import dev.baton.console.faces.FieldMessages;
import dev.baton.json.Jsonp;
import dev.baton.manager.operations.Operations;
import dev.baton.manager.schedules.control.Schedules;
import dev.baton.manager.schedules.entity.ScheduleView;
import dev.baton.store.StoreUnavailableException;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.io.Serializable;
import java.util.List;
import java.util.Map;

/**
 * Periodic schedules: the list with next and last fire (live: a fired tick renders it again), and a form to
 * create or change one; pause, resume, trigger and delete on each row. The same rules as the API check it.
 */
@Named
@ViewScoped
public class SchedulesPage implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final Map<String, String> FIELDS =
      Map.of("name", "scheduleForm:name", "cron", "scheduleForm:cron", "time_zone", "scheduleForm:zone", "task", "scheduleForm:task",
          "overlap", "scheduleForm:overlap");

  @Inject dev.baton.manager.security.Callers callers;
  @Inject Schedules schedules;
  @Inject Operations ops;

  private String editing; // the name of the schedule the form changes, or null for a new one
  private String name;
  private String cron = "*/5 * * * *";
  private String zone = "UTC";
  private String task = "{\n  \"type\": \"noop\"\n}";
  private String overlap = "skip";

  public List<ScheduleView> getAll() {
    try {
      return schedules.all();
    } catch (StoreUnavailableException e) {
      return List.of();
    }
  }

  public void save() {
    JsonValue taskJson;
    try {
      taskJson = Jsonp.parseUntrusted(task == null ? "" : task);
    } catch (jakarta.json.JsonException e) {
      FacesContext.getCurrentInstance()
          .addMessage("scheduleForm:task", new jakarta.faces.application.FacesMessage(jakarta.faces.application.FacesMessage.SEVERITY_ERROR,
              "task is not valid JSON: " + e.getMessage(), null));
      FacesContext.getCurrentInstance().validationFailed();
      return;
    }
    JsonObjectBuilder b = Jsonp.object().add("cron", cron == null ? "" : cron).add("time_zone", zone == null || zone.isBlank() ? "UTC" : zone)
        .add("task", taskJson).add("overlap", overlap);
    if (editing == null) {
      b.add("name", name == null ? "" : name.trim());
      Attempt.of(() -> ops.createSchedule(b.build(), callers.console()), field -> FIELDS.get(field.startsWith("task") ? "task" : field))
          .ifPresent(s -> done("Created schedule " + s.name(), s));
    } else {
      Attempt.of(() -> ops.updateSchedule(editing, b.build(), callers.console()), field -> FIELDS.get(field.startsWith("task") ? "task" : field))
          .ifPresent(s -> done("Changed schedule " + s.name(), s));
    }
  }

  private void done(String summary, ScheduleView s) {
    FieldMessages.info(summary, s.nextFireAt() == null ? "paused" : "next tick " + s.nextFireAt());
    newSchedule();
  }

  /** Fills the form with a schedule to change it. */
  public void edit(String schedule) {
    Attempt.of(() -> schedules.find(schedule))
        .ifPresent(
            s -> {
              editing = s.name();
              name = s.name();
              cron = s.cron();
              zone = s.timeZone();
              task = dev.baton.console.faces.Formats.pretty(s.task());
              overlap = s.overlap();
            });
  }

  public void newSchedule() {
    editing = null;
    name = null;
    cron = "*/5 * * * *";
    zone = "UTC";
    task = "{\n  \"type\": \"noop\"\n}";
    overlap = "skip";
  }

  public void pause(String schedule) {
    Attempt.of(() -> ops.pauseSchedule(schedule, callers.console())).ifPresent(s -> FieldMessages.info("Paused " + schedule, "no ticks until resumed"));
  }

  public void resume(String schedule) {
    Attempt.of(() -> ops.resumeSchedule(schedule, callers.console()))
        .ifPresent(s -> FieldMessages.info("Resumed " + schedule, "next tick " + s.nextFireAt()));
  }

  public void trigger(String schedule) {
    Attempt.of(() -> ops.triggerSchedule(schedule, callers.console()))
        .ifPresent(id -> FieldMessages.info("Triggered " + schedule, "created task " + dev.baton.manager.system.control.Explanations.shortId(id)));
  }

  public void delete(String schedule) {
    Attempt.of(
            () -> {
              ops.deleteSchedule(schedule, callers.console());
              return Boolean.TRUE;
            })
        .ifPresent(ok -> FieldMessages.info("Deleted " + schedule, "the tasks it created stay"));
    if (schedule.equals(editing)) {
      newSchedule();
    }
  }

  public boolean isEditing() {
    return editing != null;
  }

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public String getCron() {
    return cron;
  }

  public void setCron(String cron) {
    this.cron = cron;
  }

  public String getZone() {
    return zone;
  }

  public void setZone(String zone) {
    this.zone = zone;
  }

  public String getTask() {
    return task;
  }

  public void setTask(String task) {
    this.task = task;
  }

  public String getOverlap() {
    return overlap;
  }

  public void setOverlap(String overlap) {
    this.overlap = overlap;
  }
}
