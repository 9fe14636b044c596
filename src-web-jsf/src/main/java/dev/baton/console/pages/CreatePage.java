package dev.baton.console.pages;

import dev.baton.cluster.WorkerRecord;
import dev.baton.console.faces.Attempt;
import dev.baton.console.faces.FieldMessages;
import dev.baton.console.faces.Formats;
import dev.baton.json.Jsonp;
import dev.baton.manager.cluster.control.LiveWorkers;
import dev.baton.manager.config.ManagerSettings;
import dev.baton.manager.operations.Operations;
import dev.baton.manager.tasks.entity.TaskView;
import dev.baton.manager.workers.control.WorkerLookup;
import dev.baton.store.StoreUnavailableException;
import dev.baton.task.ParamSpec;
import dev.baton.task.TaskTypeDescriptor;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.inject.Instance;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonException;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParsingException;
import java.io.Serializable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The create form: a type live workers run, priority, data as JSON prefilled with the type's parameters
 * and defaults, checkpoint interval, how many, and the lifecycle (retries, a delay, time limits, an expiry)
 * under the API's field names. Checked by the same rules as the API (nothing is stored when anything is
 * wrong); each reason shows beside its field.
 */
@Named
@ViewScoped
public class CreatePage implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final Pattern INTEGER = Pattern.compile("-?\\d{1,9}");
  private static final Pattern BATCH_ITEM = Pattern.compile("^tasks\\[\\d+]\\.");

  @Inject dev.baton.manager.security.Callers callers;
  @Inject WorkerLookup workers;
  @Inject Operations ops;
  @Inject Instance<ManagerSettings> settings; // through Instance: a @Singleton cannot sit in a view

  private Map<String, TaskTypeDescriptor> types = Map.of();
  private String type;
  private String priority = "4";
  private String interval = "";
  private String count = "1";
  private String data = "{}";
  /** The lifecycle fields as typed, by their API names; blank ones are left out (the API's defaults). */
  private final Map<String, String> lifecycle = new java.util.LinkedHashMap<>();
  private List<String> created = List.of();

  /** The lifecycle fields whose values are text (the others are numbers). */
  private static final java.util.Set<String> TEXT_FIELDS = java.util.Set.of("label", "retry_backoff", "run_at", "expires_at");
  /** The optional fields by API name, in the order of the form: the label, then the lifecycle. */
  public static final List<String> LIFECYCLE_FIELDS =
      List.of("label", "max_retries", "retry_backoff", "retry_delay_ms", "retry_max_delay_ms", "countdown_s", "run_at", "time_limit_s",
          "soft_time_limit_s", "expires_at");

  {
    LIFECYCLE_FIELDS.forEach(f -> lifecycle.put(f, ""));
    lifecycle.put("retry_backoff", "exponential");
  }

  @PostConstruct
  void init() {
    try {
      Instant now = Instant.now();
      TreeSet<String> live = new TreeSet<>();
      for (WorkerRecord w : workers.all()) {
        if (LiveWorkers.isAlive(w, now)) {
          live.addAll(w.types());
        }
      }
      Map<String, TaskTypeDescriptor> known = new TreeMap<>();
      workers.taskTypes().forEach((name, d) -> {
        if (live.contains(name)) {
          known.put(name, d);
        }
      });
      types = known;
    } catch (StoreUnavailableException e) {
      FieldMessages.unavailable(e);
    }
    if (!types.isEmpty()) {
      type = types.containsKey("computation") ? "computation" : types.keySet().iterator().next();
      prefill();
    }
  }

  /** The type changed: its parameters and defaults become the data. */
  public void prefill() {
    TaskTypeDescriptor d = descriptor();
    data = d == null ? "{}" : Formats.pretty(example(d));
  }

  /** Every parameter with its default, or an example value where it has none but is required. */
  static JsonValue example(TaskTypeDescriptor d) {
    JsonObjectBuilder b = Jsonp.object();
    for (ParamSpec p : d.params()) {
      if (p.defaultValue() != null) {
        b.add(p.name(), p.defaultValue());
      } else if (p.required()) {
        b.add(p.name(), sample(p));
      }
    }
    return b.build();
  }

  private static JsonValue sample(ParamSpec p) {
    return switch (p.kind()) {
      case INTEGER -> Jsonp.value((long) (p.min() == null ? 1 : p.min()));
      case NUMBER -> Jsonp.value(p.min() == null ? 1.0 : p.min());
      case BOOLEAN -> JsonValue.FALSE;
      case STRING -> Jsonp.value(p.allowed().isEmpty() ? "" : p.allowed().get(0));
      case NUMBER_ARRAY -> {
        JsonArrayBuilder a = Jsonp.array();
        int n = (int) Math.min(p.max() == null ? 5 : p.max(), Math.max(p.min() == null ? 1 : p.min(), 5));
        for (int i = 1; i <= n; i++) {
          a.add(i);
        }
        yield a.build();
      }
      case OBJECT -> JsonValue.EMPTY_JSON_OBJECT;
    };
  }

  public void create() {
    created = List.of();
    FacesContext fc = FacesContext.getCurrentInstance();
    JsonValue parsed;
    try {
      parsed = Jsonp.parseUntrusted(data == null ? "" : data);
    } catch (JsonParsingException e) {
      var at = e.getLocation();
      invalid(fc, "createForm:data", "data is not valid JSON (line " + at.getLineNumber() + ", column " + at.getColumnNumber() + "): " + e.getMessage());
      return;
    } catch (JsonException e) {
      invalid(fc, "createForm:data", "data is not valid JSON: " + e.getMessage());
      return;
    }
    int n;
    if (count != null && INTEGER.matcher(count.trim()).matches() && Integer.parseInt(count.trim()) >= 1
        && Integer.parseInt(count.trim()) <= settings.get().maxBatch()) {
      n = Integer.parseInt(count.trim());
    } else {
      invalid(fc, "createForm:count", "how many must be an integer from 1 to " + settings.get().maxBatch());
      return;
    }
    JsonObjectBuilder task = Jsonp.object().add("type", type == null ? JsonValue.NULL : Jsonp.value(type)).add("priority", number(priority)).add("data", parsed);
    if (interval != null && !interval.isBlank()) {
      task.add("checkpoint_interval_s", number(interval));
    }
    boolean retries = !isBlank(lifecycle.get("max_retries"));
    for (String f : LIFECYCLE_FIELDS) {
      String v = lifecycle.get(f); // an emptied input arrives as null
      if (isBlank(v) || (f.startsWith("retry_") && !retries)) {
        continue; // the API's default; the retry policy only with retries
      }
      task.add(f, TEXT_FIELDS.contains(f) ? Jsonp.value(v.trim()) : number(v));
    }
    JsonValue one = task.build();
    Map<String, String> fields = new TreeMap<>();
    LIFECYCLE_FIELDS.forEach(f -> fields.put(f, "createForm:" + f));
    fields.put("type", "createForm:type");
    fields.put("priority", "createForm:priority");
    fields.put("checkpoint_interval_s", "createForm:interval");
    fields.put("data", "createForm:data");
    if (n == 1) {
      Attempt.of(() -> List.of(ops.submit(one, callers.console())), field -> fields.get(field.startsWith("data") ? "data" : field))
          .ifPresent(this::done);
    } else {
      JsonArrayBuilder batch = Jsonp.array();
      for (int i = 0; i < n; i++) {
        batch.add(one);
      }
      JsonValue request = Jsonp.object().add("tasks", batch).build();
      Attempt.of(
              () -> ops.submitBatch(request, callers.console()),
              field -> {
                String f = BATCH_ITEM.matcher(field).replaceFirst("");
                return fields.get(f.startsWith("data") ? "data" : f);
              })
          .ifPresent(this::done);
    }
  }

  private void done(List<TaskView> tasks) {
    created = tasks.stream().map(TaskView::id).toList();
    FieldMessages.info(
        tasks.size() == 1 ? "Created task " + Formats.shortIdOf(tasks.get(0).id()) : "Created " + tasks.size() + " tasks",
        "stored in Redis, then sent to the broker; watch them in the picture or the task table");
  }

  private static boolean isBlank(String s) {
    return s == null || s.isBlank();
  }

  private static JsonValue number(String text) {
    String t = text == null ? "" : text.trim();
    if (t.isEmpty()) {
      return JsonValue.NULL;
    }
    try {
      return Jsonp.parse(t) instanceof jakarta.json.JsonNumber num ? num : Jsonp.value(t);
    } catch (RuntimeException e) {
      return Jsonp.value(t); // not a number: the rules say what it must be
    }
  }

  private static void invalid(FacesContext fc, String clientId, String text) {
    fc.addMessage(clientId, new FacesMessage(FacesMessage.SEVERITY_ERROR, text, text));
    fc.validationFailed();
  }

  /** The parameters of the chosen type, for the help beside the form. */
  public List<ParamSpec> getParams() {
    TaskTypeDescriptor d = descriptor();
    return d == null ? List.of() : d.params();
  }

  public String describe(ParamSpec p) {
    List<String> parts = new ArrayList<>();
    parts.add(p.kind().name().toLowerCase().replace('_', ' '));
    if (p.required()) {
      parts.add("required");
    }
    if (p.min() != null || p.max() != null) {
      parts.add((p.min() == null ? "…" : fmt(p.min())) + " to " + (p.max() == null ? "…" : fmt(p.max())));
    }
    if (!p.allowed().isEmpty()) {
      parts.add("one of " + String.join(", ", p.allowed()));
    }
    if (p.defaultValue() != null) {
      parts.add("default " + p.defaultValue());
    }
    return String.join(" · ", parts);
  }

  private static String fmt(double d) {
    return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
  }

  /** The chosen type's description, or null when there is none (no live worker advertises a type). */
  private TaskTypeDescriptor descriptor() {
    return type == null ? null : types.get(type);
  }

  public String getDescription() {
    TaskTypeDescriptor d = descriptor();
    return d == null ? "" : d.description();
  }

  public List<String> getTypeNames() {
    return new ArrayList<>(types.keySet());
  }

  public int getMaxBatch() {
    return settings.get().maxBatch();
  }

  public List<String> getCreated() {
    return created;
  }

  /** The first twenty created, linked on the page. */
  public List<String> getCreatedShown() {
    return created.size() > 20 ? created.subList(0, 20) : created;
  }

  public String getType() {
    return type;
  }

  public void setType(String type) {
    this.type = type;
  }

  public String getPriority() {
    return priority;
  }

  public void setPriority(String priority) {
    this.priority = priority;
  }

  public String getInterval() {
    return interval;
  }

  public void setInterval(String interval) {
    this.interval = interval;
  }

  public String getCount() {
    return count;
  }

  public void setCount(String count) {
    this.count = count;
  }

  /** The lifecycle fields by API name, bound to the form's inputs. */
  public Map<String, String> getLifecycle() {
    return lifecycle;
  }

  public String getData() {
    return data;
  }

  public void setData(String data) {
    this.data = data;
  }
}
