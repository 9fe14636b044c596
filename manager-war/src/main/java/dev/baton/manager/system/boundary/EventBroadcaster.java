package dev.baton.manager.system.boundary;

import dev.baton.event.BatonEvent;
import dev.baton.manager.config.JsonbConfigurator;
import dev.baton.manager.system.entity.EventView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseBroadcaster;
import jakarta.ws.rs.sse.SseEventSink;

/** Sends every event of the log to every connected SSE client, named by its type, with its id. */
@ApplicationScoped
public class EventBroadcaster {
  private final Object lock = new Object();
  private Sse sse;
  private SseBroadcaster broadcaster;

  void register(Sse sse, SseEventSink sink) {
    synchronized (lock) {
      if (broadcaster == null) {
        this.sse = sse;
        this.broadcaster = sse.newBroadcaster();
      }
      broadcaster.register(sink);
    }
  }

  OutboundSseEvent toSse(Sse with, BatonEvent e) {
    return with.newEventBuilder()
        .id(e.id())
        .name(e.type())
        .mediaType(MediaType.APPLICATION_JSON_TYPE)
        .data(String.class, JsonbConfigurator.JSONB.toJson(EventView.of(e)))
        .build();
  }

  void onEvent(@Observes BatonEvent e) {
    SseBroadcaster b;
    Sse s;
    synchronized (lock) {
      b = broadcaster;
      s = sse;
    }
    if (b != null) {
      b.broadcast(toSse(s, e));
    }
  }
}
