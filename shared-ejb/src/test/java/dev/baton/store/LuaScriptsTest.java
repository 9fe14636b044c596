package dev.baton.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.event.EventType;
import dev.baton.task.TaskStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * A task's status changes in one place: {@code change()} in lib.lua (and {@code admit()} for a new task).
 * These checks read the scripts' source and fail when a script writes a task's status, or names an event
 * type, another way.
 */
class LuaScriptsTest {
  private static final Pattern HSET = Pattern.compile("redis\\.call\\('HSET', ([^,]+),([^\\n]*)");
  private static final Pattern WORKER_KEY = Pattern.compile("local (\\w+) = worker_key\\(");

  @Test
  void noScriptWritesATaskStatusOutsideTheOneTransitionFunction() {
    List<String> offenders = new ArrayList<>();
    for (Map.Entry<String, String> script : LuaScripts.bodies().entrySet()) {
      String body = script.getKey().endsWith("lib.lua") ? withoutFunctions(script.getValue(), "change", "admit") : script.getValue();
      List<String> workerKeys = new ArrayList<>();
      Matcher w = WORKER_KEY.matcher(body);
      while (w.find()) {
        workerKeys.add(w.group(1));
      }
      Matcher m = HSET.matcher(body);
      while (m.find()) {
        String key = m.group(1).trim();
        boolean workerHash = key.startsWith("worker_key(") || workerKeys.contains(key);
        if (m.group(2).contains("'status'") && !workerHash) {
          offenders.add(script.getKey() + ": " + m.group());
        }
      }
    }
    assertTrue(offenders.isEmpty(), "status written outside change(): " + offenders);
  }

  @Test
  void theCheckWouldCatchAStatusWrittenDirectly() {
    String sneaky = "local key = task_key(id)\nredis.call('HSET', key, 'status', 'COMPLETED')\n";
    Matcher m = HSET.matcher(sneaky);
    assertTrue(m.find() && m.group(2).contains("'status'"));
  }

  @Test
  void eventTypesComeFromTheGeneratedTableNotFromStringsInTheScripts() {
    Pattern literal = Pattern.compile("'(task|worker)\\.[a-z]+'");
    for (Map.Entry<String, String> script : LuaScripts.bodies().entrySet()) {
      Matcher m = literal.matcher(script.getValue());
      if (m.find()) {
        org.junit.jupiter.api.Assertions.fail(script.getKey() + " spells an event type: " + m.group() + "; use EVENT.*");
      }
    }
  }

  @Test
  void everyStatusHasTheEventOfEnteringIt() {
    for (TaskStatus s : TaskStatus.values()) {
      assertTrue(EventType.entering(s) != null, s.name());
    }
    String lua = EventType.asLuaTable();
    assertTrue(lua.contains("TASK_RETRYING = 'task.retrying'") && lua.contains("RELEASED = 'task.released'"), lua);
    assertEquals(EventType.TASK_RESUMED, EventType.of("task.resumed").orElseThrow());
  }

  /** The source without the named local functions (their bodies end at the first line that is exactly "end"). */
  private static String withoutFunctions(String source, String... names) {
    String out = source;
    for (String name : names) {
      int start = out.indexOf("local function " + name + "(");
      assertTrue(start >= 0, name + " not found in lib.lua");
      int end = out.indexOf("\nend\n", start);
      out = out.substring(0, start) + out.substring(end + 5);
    }
    return out;
  }
}
