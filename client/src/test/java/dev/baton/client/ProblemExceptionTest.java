package dev.baton.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProblemExceptionTest {
  @Test
  void readsTheProblemAndItsFields() {
    ProblemException e =
        ProblemException.of(
            422,
            "{\"type\":\"urn:baton:problem:invalid-request\",\"title\":\"Invalid request\",\"status\":422,"
                + "\"detail\":\"tasks[1].priority must be 0 to 9\",\"errors\":[{\"field\":\"tasks[1].priority\",\"reason\":\"must be 0 to 9\"}]}",
            null);
    ProblemException.Invalid invalid = assertInstanceOf(ProblemException.Invalid.class, e);
    assertEquals(422, invalid.status());
    assertEquals("urn:baton:problem:invalid-request", invalid.type());
    assertEquals(List.of(new ProblemException.FieldError("tasks[1].priority", "must be 0 to 9")), invalid.errors());
  }

  @Test
  void eachStatusItsKind() {
    assertInstanceOf(ProblemException.NotFound.class, ProblemException.of(404, "{\"detail\":\"no task\"}", null));
    assertInstanceOf(ProblemException.Conflict.class, ProblemException.of(409, "{}", null));
    assertInstanceOf(ProblemException.Invalid.class, ProblemException.of(413, "{}", null));
    assertInstanceOf(ProblemException.Unavailable.class, ProblemException.of(503, "{}", null));
    ProblemException.Busy busy = assertInstanceOf(ProblemException.Busy.class, ProblemException.of(429, "{}", "3"));
    assertEquals(Duration.ofSeconds(3), busy.retryAfter());
  }

  @Test
  void aBodyThatIsNoProblemIsKeptShort() {
    ProblemException e = ProblemException.of(502, "<html>" + "x".repeat(500) + "</html>", null);
    assertEquals(502, e.status());
    assertEquals(203, e.detail().length());
  }
}
