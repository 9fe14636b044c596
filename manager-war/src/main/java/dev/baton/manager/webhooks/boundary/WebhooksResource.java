package dev.baton.manager.webhooks.boundary;

import dev.baton.json.Jsonp;
import dev.baton.manager.openapi.AllowedHostsSchema;
import dev.baton.manager.openapi.ApiDocs;
import dev.baton.manager.openapi.DeliveryListSchema;
import dev.baton.manager.openapi.WebhookListSchema;
import dev.baton.manager.openapi.WebhookRequestSchema;
import dev.baton.manager.operations.Operations;
import dev.baton.manager.problems.JsonBodies;
import dev.baton.manager.webhooks.control.Webhooks;
import dev.baton.manager.webhooks.entity.WebhookView;
import dev.baton.security.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import java.io.InputStream;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Webhooks: URLs told of events, each delivery a JSON POST signed with HMAC-SHA256, retried, logged. */
@RolesAllowed(Role.ANY_CALLER) // any caller: the actions check each role (Operations); ADR 0048
@Path("webhooks")
@Tag(name = "webhooks", description = "URLs told of events: each delivery a JSON POST signed with HMAC-SHA256, retried, logged.")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class WebhooksResource {
  private static final long MAX_BODY = 16 * 1024;

  @Inject dev.baton.manager.security.Callers callers;
  @Inject Operations ops;
  @Inject Webhooks webhooks;

  @POST
  @Operation(
      summary = "Register a webhook",
      description = "{\"url\": \"https://...\", \"events\": [\"task.completed\", \"task.failed\"], \"secret\": \"at least 16"
          + " characters\"}. Each event of those types logged from now on is POSTed as JSON with X-Baton-Event,"
          + " X-Baton-Delivery (the event id) and X-Baton-Signature: sha256=<hex HMAC-SHA256 of the body under the secret>;"
          + " a failure (not 2xx, or no answer in 5 s) is retried 3 times with backoff. 201; the secret is never shown again.")
  @RequestBody(
      required = true,
      description = "The webhook, at most 16 KiB.",
      content = @Content(mediaType = ApiDocs.JSON, schema = @Schema(implementation = WebhookRequestSchema.class)))
  @APIResponse(
      responseCode = "201",
      description = "Registered; events from now on are delivered.",
      headers = @Header(name = ApiDocs.LOCATION, description = "The webhook's URL."),
      content = @Content(mediaType = ApiDocs.JSON, schema = @Schema(implementation = WebhookView.class)))
  @APIResponse(
      responseCode = "422",
      description = "Fields missing or wrong, each named: a bad url, no or an unknown event type, a secret shorter than 16"
          + " characters, an unknown field, a body that is not an object.")
  public Response create(InputStream body) {
    WebhookView w = ops.createWebhook(JsonBodies.read(body, MAX_BODY), callers.api());
    return Response.created(UriBuilder.fromResource(WebhooksResource.class).path(w.id()).build()).entity(w).build();
  }

  @GET
  @Operation(summary = "Every webhook (without secrets)")
  @APIResponse(
      responseCode = "200",
      description = "Every webhook.",
      content = @Content(mediaType = ApiDocs.JSON, schema = @Schema(implementation = WebhookListSchema.class)))
  public JsonObject list() {
    callers.api().require(Role.ADMIN);
    List<WebhookView> all = webhooks.all();
    return Jsonp.object().add("webhooks", Jsonp.parse(dev.baton.manager.config.JsonBinding.JSONB.toJson(all))).add("count", all.size()).build();
  }

  @GET
  @Path("allowed-hosts")
  @Operation(
      summary = "The private hosts webhooks may point at",
      description = "Webhooks may point at public addresses only - not loopback, private or link-local ones - except at the hosts"
          + " (any port) or host:port listed here by an admin.")
  @APIResponse(
      responseCode = "200",
      description = "{\"hosts\": [...]}",
      content = @Content(mediaType = ApiDocs.JSON, schema = @Schema(implementation = AllowedHostsSchema.class)))
  public JsonObject allowedHosts() {
    callers.api().require(Role.ADMIN);
    return Jsonp.object().add("hosts", Jsonp.array(webhooks.allowedHosts())).build();
  }

  @PUT
  @Path("allowed-hosts")
  @Operation(
      summary = "Allow private hosts for webhooks",
      description = "Replaces the list: {\"hosts\": [\"127.0.0.1:9000\", \"hooks.lan\"]} - a host (any port) or host:port, IPv6 in"
          + " brackets; [] allows none. A webhook to a host no longer allowed is refused at its next delivery.")
  @RequestBody(
      required = true,
      content = @Content(mediaType = ApiDocs.JSON, schema = @Schema(implementation = AllowedHostsSchema.class)))
  @APIResponse(
      responseCode = "200",
      description = "The list now.",
      content = @Content(mediaType = ApiDocs.JSON, schema = @Schema(implementation = AllowedHostsSchema.class)))
  @APIResponse(responseCode = "422", description = "hosts missing or not a list, an entry that is no host[:port], more than 100.")
  public JsonObject allowHosts(InputStream body) {
    return Jsonp.object().add("hosts", Jsonp.array(ops.setAllowedWebhookHosts(JsonBodies.read(body, MAX_BODY), callers.api()))).build();
  }

  @GET
  @Path("{id}")
  @Operation(summary = "One webhook")
  @APIResponse(
      responseCode = "200",
      description = "The webhook, without its secret.",
      content = @Content(mediaType = ApiDocs.JSON, schema = @Schema(implementation = WebhookView.class)))
  @APIResponse(responseCode = "404", description = "No webhook with this id.")
  public WebhookView get(
      @Parameter(description = "The webhook's id, as its creation answered it.", required = true) @PathParam("id") String id) {
    callers.api().require(Role.ADMIN);
    return webhooks.find(id);
  }

  @DELETE
  @Path("{id}")
  @Operation(summary = "Delete a webhook and its delivery log")
  @APIResponse(responseCode = "204", description = "Deleted; nothing more is delivered to it.")
  @APIResponse(responseCode = "404", description = "No webhook with this id.")
  public Response delete(
      @Parameter(description = "The webhook's id, as its creation answered it.", required = true) @PathParam("id") String id) {
    ops.deleteWebhook(id, callers.api());
    return Response.noContent().build();
  }

  @GET
  @Path("{id}/deliveries")
  @Operation(
      summary = "Its newest deliveries (up to 100), newest first",
      description = "Each: event_id, event_type, task_id, delivered, status_code (0: no answer), attempts, last_error, at.")
  @APIResponse(
      responseCode = "200",
      description = "Its deliveries, newest first.",
      content = @Content(mediaType = ApiDocs.JSON, schema = @Schema(implementation = DeliveryListSchema.class)))
  @APIResponse(responseCode = "404", description = "No webhook with this id.")
  public JsonObject deliveries(
      @Parameter(description = "The webhook's id, as its creation answered it.", required = true) @PathParam("id") String id) {
    callers.api().require(Role.ADMIN);
    JsonArrayBuilder a = Jsonp.array();
    for (String d : webhooks.deliveries(id)) {
      a.add(Jsonp.parse(d));
    }
    var list = a.build();
    return Jsonp.object().add("deliveries", list).add("count", list.size()).build();
  }
}
