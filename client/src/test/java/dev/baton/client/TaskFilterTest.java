package dev.baton.client;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class TaskFilterTest {
  @Test
  void allIsTheApisDefaultPage() {
    assertEquals("sort=created&order=desc&offset=0&limit=50", TaskFilter.all().query());
  }

  @Test
  void namesEveryParameterEncoded() {
    String q =
        TaskFilter.all()
            .status(TaskStatus.FAILED, TaskStatus.DEAD)
            .type("sleep")
            .queue("gpu")
            .worker("worker-2")
            .search("mistral data&x")
            .sortBy("priority", true)
            .page(100, 1000)
            .query();
    assertEquals(
        "status=FAILED%2CDEAD&type=sleep&worker=worker-2&queue=gpu&q=mistral+data%26x&sort=priority&order=asc&offset=100&limit=1000", q);
  }
}
