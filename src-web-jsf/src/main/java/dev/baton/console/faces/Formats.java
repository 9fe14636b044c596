package dev.baton.console.faces;

import dev.baton.json.Jsonp;
import dev.baton.manager.system.control.Explanations;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonGenerator;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;

/** How the console writes ids, times, durations and JSON (EL: {@code #{fmt.shortId(t.id)}}). */
@Named("fmt")
@ApplicationScoped
public class Formats {
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS 'UTC'").withZone(ZoneOffset.UTC);
  private static final jakarta.json.JsonWriterFactory PRETTY =
      Jsonp.PROVIDER.createWriterFactory(Map.of(JsonGenerator.PRETTY_PRINTING, true));

  public String shortId(String id) {
    return Explanations.shortId(id);
  }

  public static String shortIdOf(String id) {
    return Explanations.shortId(id);
  }

  /** Time of day (UTC), to the millisecond. */
  public String time(Instant at) {
    return at == null ? "" : TIME.format(at);
  }

  public String dateTime(Instant at) {
    return at == null ? "" : DATE_TIME.format(at);
  }

  public long millis(Instant at) {
    return at == null ? 0 : at.toEpochMilli();
  }

  /** e.g. "1.25 s", "3 min 4 s". */
  public String between(Instant from, Instant to) {
    if (from == null || to == null) {
      return "";
    }
    Duration d = Duration.between(from, to);
    if (d.toMillis() < 60_000) {
      return String.format(Locale.ROOT, "%.2f s", d.toMillis() / 1000.0);
    }
    return d.toMinutes() + " min " + d.toSecondsPart() + " s";
  }

  /** JSON text indented for reading; the text as it is if it is not JSON. */
  public String prettyJson(String json) {
    if (json == null || json.isBlank()) {
      return "";
    }
    try {
      return pretty(Jsonp.parse(json));
    } catch (RuntimeException e) {
      return json;
    }
  }

  /** A JSON value indented for reading; empty for none. */
  public String prettyValue(JsonValue v) {
    return v == null ? "" : pretty(v);
  }

  public static String pretty(JsonValue v) {
    StringWriter out = new StringWriter();
    try (var w = PRETTY.createWriter(out)) {
      w.write(v);
    }
    return out.toString().strip();
  }

  /** The CSS class of a status (tasks and workers), e.g. {@code st-running}. */
  public String statusClass(Object status) {
    return status == null ? "" : "st-" + status.toString().toLowerCase(Locale.ROOT);
  }

  public String percent(double fraction) {
    return Math.round(fraction * 100) + " %";
  }
}
