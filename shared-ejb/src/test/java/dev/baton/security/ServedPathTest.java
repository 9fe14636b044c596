package dev.baton.security;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.baton.security.ServedPath.Zone;
import org.junit.jupiter.api.Test;

/** What each served path needs: deny by default; only the listed paths are open, and the API is the API. */
class ServedPathTest {

  /** A request the container mapped to this servlet path and path info. */
  private static jakarta.servlet.http.HttpServletRequest served(String servletPath, String pathInfo) {
    java.util.Map<String, String> getters = new java.util.HashMap<>();
    getters.put("getServletPath", servletPath);
    getters.put("getPathInfo", pathInfo);
    return TestRequests.request(getters, java.util.Map.of());
  }

  @Test
  void decidesOnServletPathAndPathInfo() {
    assertEquals("/api/tasks", ServedPath.of(served("/api", "/tasks")));
    assertEquals("/console/workers.xhtml", ServedPath.of(served("/console/workers.xhtml", null)));
    assertEquals("/", ServedPath.of(served("", "/")));
    assertEquals("/", ServedPath.of(served("", null)));
  }

  @Test
  void aPathHoldingWhatNoNormalisedPathHoldsIsClosed() {
    for (String weird : new String[] {"/login.xhtml/../console/x.xhtml", "/baton/./x", "//api", "/x\\y", "/login.xhtml\0", "/a;b"}) {
      String p = ServedPath.of(served(weird, null));
      assertEquals(Zone.PAGES, ServedPath.MANAGER.zone(p), weird);
    }
  }

  @Test
  void theManagerOpensOnlyWhatTheLoginPageAndTheProbesNeed() {
    for (String open : new String[] {"/login.xhtml", "/jakarta.faces.resource/theme.css.xhtml", "/baton/console.css", "/health/ready", "/metrics",
        "/openapi", "/openapi/ui/index.html", "/baton-error"}) {
      assertEquals(Zone.OPEN, ServedPath.MANAGER.zone(open), open);
    }
    for (String api : new String[] {"/api", "/api/", "/api/tasks", "/api/users/admin"}) {
      assertEquals(Zone.API, ServedPath.MANAGER.zone(api), api);
    }
    for (String closed : new String[] {"/", "/console", "/console/", "/console/workers.xhtml", "/jakarta.faces.push/cluster", "/CONSOLE/x",
        "/login.xhtmlx", "/healthz", "/nothing", "/API/tasks", "/apix"}) {
      assertEquals(Zone.PAGES, ServedPath.MANAGER.zone(closed), closed);
    }
  }

  @Test
  void aWorkerOpensOnlyTheProbes() {
    assertEquals(Zone.OPEN, ServedPath.WORKER.zone("/health/live"));
    assertEquals(Zone.API, ServedPath.WORKER.zone("/api/worker"));
    assertEquals(Zone.PAGES, ServedPath.WORKER.zone("/login.xhtml"), "no console on a worker");
    assertEquals(Zone.PAGES, ServedPath.WORKER.zone("/anything"));
  }

  @Test
  void readsARawPathAsAPersonWould() {
    assertEquals("/console/workers.xhtml", ServedPath.readable("/%63onsole/./x/../workers.xhtml;jsessionid=1"));
    assertEquals("/api/tasks", ServedPath.readable("//API%2Ftasks"));
  }
}
