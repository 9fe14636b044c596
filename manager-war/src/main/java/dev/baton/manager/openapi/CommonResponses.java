package dev.baton.manager.openapi;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;
import org.eclipse.microprofile.openapi.models.tags.Tag;

/**
 * The one place for what every operation of the API shares, so that the resources' annotations state only what is
 * particular to each operation (registered as {@code mp.openapi.filter} in META-INF/microprofile-config.properties):
 *
 * <ul>
 *   <li>400: a JSON body that is not JSON, or empty where one is required ({@code JsonBodies}). Only operations with a
 *       JSON body get it: query and path parameters are read as text and a bad one is a 422 naming it.
 *   <li>413: every body is read up to a limit ({@code JsonBodies}, the echo's own); each operation's request body
 *       description states its limit.
 *   <li>503: Redis, the task store, is down ({@code ProblemMappers.StoreDown}, with Retry-After): every operation but
 *       those marked {@link ApiDocs#NO_STORE}.
 *   <li>500: anything unexpected, as a problem naming a reference in the manager's log ({@code ProblemMappers.Unexpected}).
 * </ul>
 *
 * An operation that states one of these statuses itself keeps its own. Every 4xx and 5xx gets the problem+json body
 * here (the annotations name status and description only). The filter also makes the generated document say
 * what the API really writes: property names in snake_case as {@code JsonBinding} writes every record (the generator
 * reads the Java names), defaults and examples of numbers and booleans as such (annotations give them as text), path
 * parameters required, each tag once, and no {@link ResponseEntities}.
 */
public final class CommonResponses implements OASFilter {

  @Override
  public Schema filterSchema(Schema schema) {
    Map<String, Schema> properties = schema.getProperties();
    if (properties != null && !properties.isEmpty()) {
      Map<String, Schema> renamed = new LinkedHashMap<>();
      properties.forEach(
          (name, property) -> {
            String json = snakeCase(name);
            // a component named by @Schema(name = "worker_id") may still hold its Java name (workerId) beside it
            if (json.equals(name) || !properties.containsKey(json)) {
              renamed.putIfAbsent(json, property);
            }
          });
      schema.setProperties(renamed);
    }
    List<String> required = schema.getRequired();
    if (required != null && !required.isEmpty()) {
      schema.setRequired(new ArrayList<>(required.stream().map(CommonResponses::snakeCase).distinct().toList()));
    }
    schema.setDefaultValue(typed(schema.getType(), schema.getDefaultValue()));
    schema.setExample(typed(schema.getType(), schema.getExample()));
    return schema;
  }

  @Override
  public void filterOpenAPI(OpenAPI api) {
    uniqueTags(api);
    // Payara names http://localhost:<port>/: from a page opened on 127.0.0.1 (or behind a proxy) "Try it out"
    // would be cross-origin. The API is on the same host as its document.
    api.setServers(List.of(OASFactory.createServer().url("/").description("This manager (the host serving this document)")));
    if (api.getComponents() != null && api.getComponents().getSchemas() != null) {
      api.getComponents().removeSchema(ResponseEntities.class.getSimpleName());
    }
    security(api);
    if (api.getPaths() == null || api.getPaths().getPathItems() == null) {
      return;
    }
    for (PathItem item : api.getPaths().getPathItems().values()) {
      if (item != null && item.getOperations() != null) {
        item.getOperations().values().forEach(CommonResponses::complete);
      }
    }
  }

  private static void complete(Operation op) {
    if (op.getParameters() != null) {
      op.getParameters().stream().filter(p -> p.getIn() == Parameter.In.PATH).forEach(p -> p.setRequired(true));
    }
    boolean store = op.getExtensions() == null || !op.getExtensions().containsKey(ApiDocs.NO_STORE);
    unmark(op);
    boolean body = op.getRequestBody() != null;
    boolean json = body && jsonBody(op.getRequestBody().getContent());
    if (op.getResponses() == null) {
      op.setResponses(OASFactory.createAPIResponses());
    }
    APIResponses responses = op.getResponses();
    if (json) {
      add(responses, "400", "Malformed JSON (the detail gives line and column), or no body where one is required");
    }
    if (body) {
      add(responses, "413", "The body is larger than this operation accepts (see its request body)");
      add(responses, "415", "The body is not of the media type this operation takes (see its request body): the error names Content-Type");
    }
    APIResponse storeDown = store ? add(responses, "503", "Redis, the task store, is unavailable; nothing was changed") : null;
    if (storeDown != null) {
      storeDown.addHeader(
          ApiDocs.RETRY_AFTER, OASFactory.createHeader().description("seconds to wait before trying again: 1").schema(integer()));
    }
    add(responses, "401", "No credentials, or wrong, expired or revoked ones (WWW-Authenticate names Basic and Bearer)");
    add(responses, "403", "The caller's role does not allow this (the detail names the role it needs), or a page of another origin sent it");
    add(responses, "500", "An unexpected error; the detail names a reference to it in the manager's log");
    responses.getAPIResponses().forEach((status, r) -> {
      if (r != null && (status.startsWith("4") || status.startsWith("5"))) {
        r.setContent(problemContent());
      }
    });
  }

  /** Every operation takes HTTP Basic (a user's name and password) or an API token; Swagger UI offers both. */
  private static void security(OpenAPI api) {
    if (api.getComponents() == null) {
      api.setComponents(OASFactory.createComponents());
    }
    api.getComponents()
        .addSecurityScheme(
            "basic",
            OASFactory.createSecurityScheme()
                .type(org.eclipse.microprofile.openapi.models.security.SecurityScheme.Type.HTTP)
                .scheme("basic")
                .description("A user's name and password (users are made by an admin: PUT /api/users/{name})."))
        .addSecurityScheme(
            "token",
            OASFactory.createSecurityScheme()
                .type(org.eclipse.microprofile.openapi.models.security.SecurityScheme.Type.HTTP)
                .scheme("bearer")
                .description("An API token (POST /api/tokens, shown once): Authorization: Bearer baton_..."));
    api.setSecurity(
        List.of(
            OASFactory.createSecurityRequirement().addScheme("basic"), OASFactory.createSecurityRequirement().addScheme("token")));
  }

  /** Every error of this API is a problem (ProblemMappers), so the annotations name only status and description. */
  private static Content problemContent() {
    return OASFactory.createContent()
        .addMediaType(ApiDocs.PROBLEM_JSON, OASFactory.createMediaType().schema(OASFactory.createSchema().ref(ApiDocs.PROBLEM)));
  }

  /** The mark is for this filter only; the generator also copies an operation's extensions onto its responses. */
  private static void unmark(Operation op) {
    op.removeExtension(ApiDocs.NO_STORE);
    if (op.getResponses() != null && op.getResponses().getAPIResponses() != null) {
      op.getResponses().getAPIResponses().values().stream().filter(Objects::nonNull).forEach(r -> r.removeExtension(ApiDocs.NO_STORE));
    }
  }

  /**
   * True if the body is JSON. The generator gives every body parameter an application/json entry; where the annotation
   * names another media type only (the echo's octet stream), that entry describes nothing and is dropped.
   */
  private static boolean jsonBody(Content content) {
    if (content == null || content.getMediaTypes() == null || !content.getMediaTypes().containsKey(ApiDocs.JSON)) {
      return false;
    }
    MediaType json = content.getMediaTypes().get(ApiDocs.JSON);
    Schema schema = json == null ? null : json.getSchema();
    boolean described =
        schema != null && (schema.getRef() != null || (schema.getProperties() != null && !schema.getProperties().isEmpty()));
    if (!described && content.getMediaTypes().size() > 1) {
      content.removeMediaType(ApiDocs.JSON);
      return false;
    }
    return true;
  }

  /** Adds the status as a problem unless the operation states it itself; @return the response added, or null. */
  private static APIResponse add(APIResponses responses, String status, String description) {
    if (responses.hasAPIResponse(status)) {
      return null;
    }
    APIResponse r = OASFactory.createAPIResponse().description(description).content(problemContent());
    responses.addAPIResponse(status, r);
    return r;
  }

  private static Schema integer() {
    return OASFactory.createSchema().type(Schema.SchemaType.INTEGER);
  }

  /** Tags declared on several resources (system) would otherwise be listed once per resource. */
  private static void uniqueTags(OpenAPI api) {
    if (api.getTags() == null || api.getTags().isEmpty()) {
      return;
    }
    Map<String, Tag> byName = new LinkedHashMap<>();
    for (Tag t : api.getTags()) {
      if (t != null && t.getName() != null) {
        byName.merge(t.getName(), t, (kept, other) -> kept.getDescription() == null ? other : kept);
      }
    }
    api.setTags(new ArrayList<>(byName.values()));
  }

  /** A default or example given as text where the schema says number, integer or boolean, as that type. */
  private static Object typed(Schema.SchemaType type, Object value) {
    if (!(value instanceof String s) || type == null) {
      return value;
    }
    try {
      return switch (type) {
        case INTEGER -> new BigDecimal(s.trim()).toBigIntegerExact();
        case NUMBER -> new BigDecimal(s.trim());
        case BOOLEAN -> s.trim().equals("true") ? Boolean.TRUE : s.trim().equals("false") ? Boolean.FALSE : s;
        default -> s;
      };
    } catch (NumberFormatException | ArithmeticException e) {
      return s;
    }
  }

  /**
   * The name JSON-B gives a Java property under LOWER_CASE_WITH_UNDERSCORES (Yasson's rule): an underscore before
   * each upper-case letter that follows a lower-case one, everything in lower case ({@code throughputPerS} ->
   * {@code throughput_per_s}). Names already in snake_case stay as they are.
   */
  static String snakeCase(String name) {
    StringBuilder b = new StringBuilder(name.length() + 8);
    char previous = 0;
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (i > 0 && Character.isUpperCase(c) && Character.isAlphabetic(previous) && Character.isLowerCase(previous)) {
        b.append('_');
      }
      b.append(Character.toLowerCase(c));
      previous = c;
    }
    return b.toString();
  }
}
