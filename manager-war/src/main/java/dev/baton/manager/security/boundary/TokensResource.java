package dev.baton.manager.security.boundary;

import dev.baton.json.Jsonp;
import dev.baton.manager.openapi.ApiDocs;
import dev.baton.manager.problems.JsonBodies;
import dev.baton.manager.security.Accounts;
import dev.baton.manager.security.Callers;
import dev.baton.security.ApiToken;
import dev.baton.security.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
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

/** API tokens (admin only): made with a role, an owner and an expiry; the secret is shown once. */
@RolesAllowed(Role.ANY_CALLER) // any caller: the actions check each role (Operations); ADR 0048
@Path("tokens")
@Tag(name = "access")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class TokensResource {
  private static final long MAX_BODY = 4 * 1024;

  @Inject Callers callers;
  @Inject Accounts accounts;

  @POST
  @Operation(
      summary = "Create an API token (admin)",
      description = "{\"name\": \"what it is for\", \"owner\": \"alice\", \"role\": \"operator\", \"expires_in_days\": 90}: owner"
          + " defaults to you, role to the owner's (never above it), expiry to 90 days (at most 3650). The answer's token is"
          + " shown this once; Baton keeps only its SHA-256. Use it as Authorization: Bearer <token>.")
  @RequestBody(
      required = true,
      description = "At most 4 KiB.",
      content = @Content(mediaType = ApiDocs.JSON, schema = @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.OBJECT)))
  @APIResponse(responseCode = "201", description = "Created: its id, name, owner, role, times, and the token itself (this once).")
  @APIResponse(responseCode = "422", description = "A field is missing or wrong, each named.")
  public Response create(InputStream body) {
    JsonObject o = UsersResource.Fields.object(JsonBodies.read(body, MAX_BODY), Set.of("name", "owner", "role", "expires_in_days"));
    Accounts.IssuedToken t =
        accounts.createToken(
            UsersResource.Fields.text(o, "name"),
            UsersResource.Fields.text(o, "owner"),
            UsersResource.Fields.text(o, "role"),
            UsersResource.Fields.integer(o, "expires_in_days"),
            callers.api());
    return Response.status(201).entity(view(t.token()).add("token", t.secret()).build()).build();
  }

  @GET
  @Operation(summary = "Every token that has not expired (admin)", description = "Without their secrets.")
  @APIResponse(responseCode = "200", description = "{\"tokens\": [...], \"count\": n}.")
  public JsonObject list() {
    var all = Jsonp.array();
    accounts.tokens(callers.api()).forEach(t -> all.add(view(t)));
    JsonValue tokens = all.build();
    return Jsonp.object().add("tokens", tokens).add("count", tokens.asJsonArray().size()).build();
  }

  @DELETE
  @Path("{id}")
  @Operation(summary = "Revoke a token (admin)", description = "It stops working at once on this manager, within 30 s on workers.")
  @APIResponse(responseCode = "204", description = "Revoked.")
  @APIResponse(responseCode = "404", description = "No token with this id (or it expired).")
  public Response revoke(@Parameter(description = "The token's id (not its secret).", required = true) @PathParam("id") String id) {
    accounts.revokeToken(id, callers.api());
    return Response.noContent().build();
  }

  private static JsonObjectBuilder view(ApiToken t) {
    return Jsonp.object()
        .add("id", t.id())
        .add("name", t.name())
        .add("owner", t.owner())
        .add("role", t.role().id())
        .add("created_at", t.createdAt().toString())
        .add("expires_at", t.expiresAt().toString());
  }
}
