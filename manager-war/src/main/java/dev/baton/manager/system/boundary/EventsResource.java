package dev.baton.manager.system.boundary;

import dev.baton.event.BatonEvent;
import dev.baton.manager.refusal.Refusal;
import dev.baton.manager.problems.QueryParams;
import dev.baton.manager.system.entity.EventPage;
import dev.baton.manager.system.entity.EventView;
import dev.baton.manager.system.control.EventLookup;
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

/** The system event log: pages of it, newest first, and a live stream (SSE) of the same events. */
@Path("system/events")
@RequestScoped
public class EventsResource {
  private static final Pattern STREAM_ID = Pattern.compile("\\d+-\\d+");

  @Inject EventLookup log;
  @Inject EventBroadcaster broadcaster;

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(summary = "Events, newest first", description = "Page back with before=<next_before of the previous page>.")
  public EventPage list(@QueryParam("limit") @DefaultValue("50") String limitParam, @QueryParam("before") String before) {
    int limit = QueryParams.intIn("limit", limitParam, 1, 1000);
    if (before != null && !STREAM_ID.matcher(before).matches()) {
      throw Refusal.invalid("before", "must be an event id such as 1732480000000-0");
    }
    List<EventView> events = log.newestFirst(before, limit).stream().map(EventView::of).toList();
    return new EventPage(events, events.size(), events.size() == limit ? events.get(events.size() - 1).id() : null);
  }

  @GET
  @Path("stream")
  @Produces(MediaType.SERVER_SENT_EVENTS)
  @Operation(summary = "Live events (SSE)", description = "Send Last-Event-ID to get what you missed first.")
  public void stream(@Context SseEventSink sink, @Context Sse sse, @HeaderParam(HttpHeaders.LAST_EVENT_ID_HEADER) String lastEventId) {
    broadcaster.register(sse, sink);
    if (lastEventId != null && STREAM_ID.matcher(lastEventId).matches()) {
      // Registered first, then the backlog: a client may see an event twice (ids tell), never miss one.
      for (BatonEvent e : log.after(lastEventId, 10_000)) {
        sink.send(broadcaster.toSse(sse, e));
      }
    }
  }
}
