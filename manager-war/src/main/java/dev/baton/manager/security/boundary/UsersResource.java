package dev.baton.manager.security.boundary;

import dev.baton.json.Jsonp;
import dev.baton.manager.openapi.ApiDocs;
import dev.baton.manager.problems.JsonBodies;
import dev.baton.manager.refusal.Refusal;
import dev.baton.manager.security.Accounts;
import dev.baton.manager.security.Callers;
import dev.baton.security.Caller;
import dev.baton.security.Role;
import dev.baton.security.User;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Users (admin only) and who the caller is (anyone logged in). */
@RolesAllowed(Role.ANY_CALLER) // any caller: the actions check each role (Operations); ADR 0048
@Path("")
@Tag(name = "access", description = "Users, API tokens and who you are. Roles: viewer < operator < admin.")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class UsersResource {
  private static final long MAX_BODY = 4 * 1024;

  @Inject Callers callers;
  @Inject Accounts accounts;

  @GET
  @Path("me")
  @Operation(summary = "Who you are", description = "Your user name, role, and how you proved it (basic, bearer or session).")
  @APIResponse(responseCode = "200", description = "{\"name\": \"admin\", \"role\": \"admin\", \"via\": \"basic\"}.")
  public JsonObject me() {
    Caller c = callers.caller();
    return Jsonp.object().add("name", c.name()).add("role", c.role().id()).add("via", c.via()).build();
  }

  @GET
  @Path("users")
  @Operation(summary = "Every user (admin)", description = "Names, roles and times; never passwords or their hashes.")
  @APIResponse(responseCode = "200", description = "{\"users\": [...], \"count\": n}.")
  public JsonObject list() {
    var users = Jsonp.array();
    accounts.users(callers.api()).forEach(u -> users.add(view(u)));
    JsonValue all = users.build();
    return Jsonp.object().add("users", all).add("count", all.asJsonArray().size()).build();
  }

  @PUT
  @Path("users/{name}")
  @Operation(
      summary = "Create or change a user (admin)",
      description = "{\"role\": \"viewer|operator|admin\", \"password\": \"at least 12 characters\"}: both for a new user;"
          + " either to change one. The password is stored as a PBKDF2 hash and never shown. The user admin stays an admin.")
  @RequestBody(
      required = true,
      description = "The role and/or the password, at most 4 KiB.",
      content = @Content(mediaType = ApiDocs.JSON, schema = @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.OBJECT)))
  @APIResponse(responseCode = "201", description = "Created.")
  @APIResponse(responseCode = "200", description = "Changed; its sessions and headers are checked again from now on.")
  @APIResponse(responseCode = "422", description = "A bad name, role or password (each named), or an unknown field.")
  public Response save(
      @Parameter(description = "The user's name: letters, digits, '.', '-', '_'.", required = true) @PathParam("name") String name,
      InputStream body) {
    JsonObject o = Fields.object(JsonBodies.read(body, MAX_BODY), Set.of("role", "password"));
    boolean created = accounts.saveUser(name, Fields.text(o, "role"), Fields.text(o, "password"), callers.api());
    JsonObject view = view(accounts.users(callers.api()).stream().filter(u -> u.name().equals(name)).findFirst().orElseThrow());
    return Response.status(created ? 201 : 200).entity(view).build();
  }

  @DELETE
  @Path("users/{name}")
  @Operation(summary = "Delete a user and revoke its tokens (admin)", description = "Its console sessions end at their next request.")
  @APIResponse(responseCode = "204", description = "Deleted.")
  @APIResponse(responseCode = "404", description = "No such user.")
  @APIResponse(responseCode = "409", description = "The user admin cannot be deleted.")
  public Response delete(@Parameter(description = "The user's name.", required = true) @PathParam("name") String name) {
    accounts.deleteUser(name, callers.api());
    return Response.noContent().build();
  }

  private static JsonObject view(User u) {
    return Jsonp.object()
        .add("name", u.name())
        .add("role", u.role().id())
        .add("created_at", u.createdAt().toString())
        .add("updated_at", u.updatedAt().toString())
        .build();
  }

  /** Reading the small bodies of this API: an object with known fields of the right types. */
  static final class Fields {
    private Fields() {}

    static JsonObject object(JsonValue body, Set<String> known) {
      if (!(body instanceof JsonObject o)) {
        throw Refusal.invalid("body", "must be a JSON object");
      }
      for (String k : o.keySet()) {
        if (!known.contains(k)) {
          throw Refusal.invalid(k, "is not a known field; known: " + String.join(", ", new java.util.TreeSet<>(known)));
        }
      }
      return o;
    }

    /** The field's text, null if absent or null; refused if it is another type. */
    static String text(JsonObject o, String field) {
      JsonValue v = o.get(field);
      if (v == null || v == JsonValue.NULL) {
        return null;
      }
      if (v instanceof JsonString s) {
        return s.getString();
      }
      throw Refusal.invalid(field, "must be a string");
    }

    static Integer integer(JsonObject o, String field) {
      JsonValue v = o.get(field);
      if (v == null || v == JsonValue.NULL) {
        return null;
      }
      if (v instanceof jakarta.json.JsonNumber n && n.isIntegral() && n.bigIntegerValue().bitLength() < 32) {
        return n.intValue();
      }
      throw Refusal.invalid(field, "must be an integer");
    }
  }
}
