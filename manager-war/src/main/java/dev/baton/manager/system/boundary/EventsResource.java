package dev.baton.manager.system.boundary;

import dev.baton.event.BatonEvent;
import dev.baton.manager.openapi.ApiDocs;
import dev.baton.manager.problems.QueryParams;
import dev.baton.manager.refusal.Refusal;
import dev.baton.manager.system.control.EventLookup;
import dev.baton.manager.system.entity.EventPage;
import dev.baton.manager.system.entity.EventView;
import dev.baton.security.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.util.List;
import java.util.regex.Pattern;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The system event log: pages of it, newest first, and a live stream (SSE) of the same events. */
@RolesAllowed(Role.ANY_CALLER) // any caller: the actions check each role (Operations); ADR 0048
@Path("system/events")
@Tag(name = "system", description = "The system's status, its event log (pages and a live stream), and the echo of network tasks.")
@RequestScoped
public class EventsResource {
  private static final Pattern STREAM_ID = Pattern.compile("\\d+-\\d+");

  @Inject EventLookup log;
  @Inject EventBroadcaster broadcaster;
  @Inject dev.baton.manager.security.Callers callers;
  @Inject dev.baton.manager.tasks.control.TaskOwners owners;

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(summary = "Events, newest first", description = "Page back with before=<next_before of the previous page>.")
  @APIResponse(
      responseCode = "200",
      description = "A page; next_before is null on the last one.",
      content = @Content(mediaType = ApiDocs.JSON, schema = @Schema(implementation = EventPage.class)))
  @APIResponse(responseCode = "422", description = "limit not an integer from 1 to 1000, or before not an event id.")
  public EventPage list(
      @Parameter(
              description = "Events per page: an integer from 1 to 1000.",
              schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "1000", defaultValue = "50"))
          @QueryParam("limit")
          @DefaultValue("50")
          String limitParam,
      @Parameter(
              description = "Only events older than this one: an event id (digits-digits), the next_before of the previous page.",
              schema = @Schema(pattern = "^\\d+-\\d+$"),
              example = "1732480000000-0")
          @QueryParam("before")
          String before) {
    int limit = QueryParams.intIn("limit", limitParam, 1, 1000);
    if (before != null && !STREAM_ID.matcher(before).matches()) {
      throw Refusal.invalid("before", "must be an event id such as 1732480000000-0");
    }
    var actor = callers.api();
    List<BatonEvent> page = log.newestFirst(before, limit);
    // a viewer's or operator's page keeps their own tasks' events (and the workers'); paging goes on from the last one read
    List<EventView> events = page.stream().filter(e -> owners.visible(e, actor)).map(EventView::of).toList();
    return new EventPage(events, events.size(), page.size() == limit ? page.get(page.size() - 1).id() : null);
  }

  @GET
  @Path("stream")
  @Produces(MediaType.SERVER_SENT_EVENTS)
  @Operation(
      summary = "Live events (SSE)",
      description = "Every event of the log as it is logged, as Server-Sent Events: id: the event's id in the log, event: its type"
          + " (task.completed, worker.failed, ...), data: the event as JSON, as GET /api/system/events lists it (id, type, at,"
          + " task_id, worker_id, message, details). Send Last-Event-ID to get what you missed first (up to 10,000 events); an event"
          + " may then come twice (its id tells), none is missed.")
  @APIResponse(
      responseCode = "200",
      description = "The stream, open until the client leaves. E.g.\n\nid: 1732480000000-0\nevent: task.completed\ndata:"
          + " {\"id\":\"1732480000000-0\",\"type\":\"task.completed\",\"at\":\"2024-11-24T20:26:40Z\",\"task_id\":\"3f2a...\","
          + "\"worker_id\":\"worker-2\",\"message\":\"...\",\"details\":{...}}",
      content =
          @Content(
              mediaType = MediaType.SERVER_SENT_EVENTS,
              schema = @Schema(type = SchemaType.STRING, description = "text/event-stream: id, event and data lines per event")))
  public void stream(
      @Context SseEventSink sink,
      @Context Sse sse,
      @Parameter(
              description = "The id of the last event the client saw (an event id, digits-digits); the events after it come first."
                  + " Anything else is ignored.",
              example = "1732480000000-0")
          @HeaderParam(HttpHeaders.LAST_EVENT_ID_HEADER)
          String lastEventId,
      @Parameter(hidden = true) @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
    var actor = callers.api();
    broadcaster.register(sse, sink, authorization, actor);
    if (lastEventId != null && STREAM_ID.matcher(lastEventId).matches()) {
      // Registered first, then the backlog: a client may see an event twice (ids tell), never miss one.
      for (BatonEvent e : log.after(lastEventId, 10_000)) {
        if (owners.visible(e, actor)) {
          sink.send(broadcaster.toSse(sse, e));
        }
      }
    }
  }
}
