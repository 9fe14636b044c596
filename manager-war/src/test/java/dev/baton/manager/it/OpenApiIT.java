package dev.baton.manager.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.testing.Http;
import dev.baton.testing.Http.Answer;
import dev.baton.testing.PayaraInfrastructure;
import jakarta.json.JsonObject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import java.io.File;
import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.net.URL;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The API's description as Payara serves it at /openapi: every JAX-RS resource method of the manager is in
 * it, with every status its annotations document, a summary, and problem+json for every error; the shared
 * error statuses are there too. Swagger UI at /openapi/ui from the webjar.
 */
@ExtendWith({PayaraInfrastructure.class, ArquillianExtension.class})
@PayaraInfrastructure.Options("-Dbaton.redis.prefix=openapi-it:")
class OpenApiIT {
  private static final List<Class<? extends Annotation>> VERBS = List.of(GET.class, POST.class, PUT.class, DELETE.class, PATCH.class);

  @ArquillianResource URL base;
  private Http api;

  @Deployment(testable = false)
  static WebArchive manager() {
    return ShrinkWrap.create(ZipImporter.class, "ROOT.war").importFrom(new File("target/baton-manager.war")).as(WebArchive.class);
  }

  @BeforeEach
  void client() {
    api = new Http(PayaraInfrastructure.loopback(base).resolve("/")).basic("admin", PayaraInfrastructure.ADMIN_PASSWORD);
  }

  /** One JAX-RS resource method: its HTTP method, its full path as OpenAPI spells it, the statuses it documents. */
  record Endpoint(String verb, String path, Method method, Set<String> statuses) {}

  @Test
  void everyResourceMethodIsDescribedWithItsStatuses() throws Exception {
    Answer doc = api.get("openapi?format=JSON");
    assertEquals(200, doc.status(), doc.toString());
    JsonObject paths = doc.json().getJsonObject("paths");
    List<Endpoint> endpoints = endpoints();
    assertTrue(endpoints.size() >= 50, "found only " + endpoints.size() + " resource methods");
    List<String> problems = new ArrayList<>();
    for (Endpoint e : endpoints) {
      String where = e.verb().toUpperCase(Locale.ROOT) + " " + e.path() + " (" + e.method().getDeclaringClass().getSimpleName() + "." + e.method().getName() + ")";
      JsonObject item = paths.getJsonObject(e.path());
      JsonObject op = item == null ? null : item.getJsonObject(e.verb());
      if (op == null) {
        problems.add(where + ": missing");
        continue;
      }
      if (op.getString("summary", "").isBlank()) {
        problems.add(where + ": no summary");
      }
      JsonObject responses = op.getJsonObject("responses");
      for (String status : e.statuses()) {
        if (!responses.containsKey(status)) {
          problems.add(where + ": status " + status + " documented in code but not in /openapi");
        }
      }
      if (op.containsKey("requestBody") && !responses.containsKey("415")) {
        problems.add(where + ": takes a body but does not document 415 (a Content-Type it does not take)");
      }
      if (responses.keySet().stream().noneMatch(s -> s.startsWith("2"))) {
        problems.add(where + ": no success status");
      }
      boolean usesRedis = java.util.Arrays.stream(e.method().getAnnotation(Operation.class).extensions())
          .noneMatch(x -> x.name().equals(dev.baton.manager.openapi.ApiDocs.NO_STORE));
      if (usesRedis != responses.containsKey("503")) {
        problems.add(where + (usesRedis ? ": no 503 (Redis unavailable)" : ": a 503, though it answers without Redis"));
      }
      if (op.toString().contains(dev.baton.manager.openapi.ApiDocs.NO_STORE)) {
        problems.add(where + ": the internal mark " + dev.baton.manager.openapi.ApiDocs.NO_STORE + " is left in the document");
      }
      for (String status : responses.keySet()) {
        if (status.startsWith("4") || status.startsWith("5")) {
          JsonObject content = responses.getJsonObject(status).getJsonObject("content");
          if (content == null || !content.containsKey("application/problem+json")) {
            problems.add(where + ": status " + status + " without an application/problem+json body");
          }
        }
      }
    }
    assertTrue(problems.isEmpty(), String.join("\n", problems));
    JsonObject problem = doc.json().getJsonObject("components").getJsonObject("schemas").getJsonObject("Problem");
    assertTrue(problem != null && problem.getJsonObject("properties").containsKey("title"), "the Problem schema");
    System.out.println(endpoints.size() + " resource methods, all in /openapi with their statuses");
  }

  @Test
  void theServerIsTheHostServingTheDocument() {
    var servers = api.get("openapi?format=JSON").json().getJsonArray("servers");
    assertEquals(1, servers.size(), servers.toString());
    assertEquals("/", servers.getJsonObject(0).getString("url"), "relative: Swagger UI's requests go where the page came from");
  }

  @Test
  void swaggerUiIsServedFromTheWebjar() {
    Answer page = api.get("openapi/ui/");
    assertEquals(200, page.status());
    assertTrue(page.body().contains("swagger-ui-bundle.js"), page.body());
    assertTrue(api.get("openapi/ui/init.js").body().contains("'/openapi'"));
    String bundle = page.body().replaceAll("(?s).*src=\"/(webjars/swagger-ui/[^\"]+/swagger-ui-bundle\\.js)\".*", "$1");
    Answer js = api.get(bundle);
    assertEquals(200, js.status(), bundle);
    assertTrue(js.contentType().contains("javascript"), js.contentType());
    assertEquals(302, api.get("openapi/ui").status(), "to the folder, so relative links work");
  }

  /** Every resource method of the manager's classes (target/classes), with its documented statuses. */
  private static List<Endpoint> endpoints() throws IOException, ClassNotFoundException {
    java.nio.file.Path classes = java.nio.file.Path.of("target/classes");
    List<Endpoint> out = new ArrayList<>();
    try (Stream<java.nio.file.Path> files = Files.walk(classes)) {
      for (java.nio.file.Path f : files.filter(p -> p.toString().endsWith("Resource.class")).toList()) {
        String name = classes.relativize(f).toString().replace('/', '.').replaceAll("\\.class$", "");
        Class<?> type = Class.forName(name);
        Path classPath = type.getAnnotation(Path.class);
        if (classPath == null) {
          continue;
        }
        for (Method m : type.getDeclaredMethods()) {
          for (Class<? extends Annotation> verb : VERBS) {
            if (m.isAnnotationPresent(verb)) {
              Path methodPath = m.getAnnotation(Path.class);
              String path = "/api/" + classPath.value() + (methodPath == null ? "" : "/" + methodPath.value());
              path = path.replaceAll("\\{([^}:]+):[^}]*}", "{$1}").replaceAll("/+", "/").replaceAll("(.)/$", "$1");
              Set<String> statuses = new TreeSet<>();
              for (APIResponse r : m.getAnnotationsByType(APIResponse.class)) {
                statuses.add(r.responseCode());
              }
              assertFalse(m.getAnnotation(Operation.class) == null, m + " has no @Operation");
              out.add(new Endpoint(verb.getAnnotation(HttpMethod.class).value().toLowerCase(Locale.ROOT), path, m, statuses));
            }
          }
        }
      }
    }
    return out;
  }
}
