package dev.baton.manager.system.boundary;

import dev.baton.event.BatonEvent;
import dev.baton.manager.config.JsonbConfigurator;
import dev.baton.manager.operations.Actor;
import dev.baton.manager.system.entity.EventView;
import dev.baton.manager.tasks.control.TaskOwners;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseBroadcaster;
import jakarta.ws.rs.sse.SseEventSink;

/**
 * Sends every event of the log to every connected SSE client, named by its type, with its id: to an admin all of
 * them (one broadcaster), to a viewer or operator those of their own tasks and the workers' (each on its own).
 */
@ApplicationScoped
public class EventBroadcaster {
  private final Object lock = new Object();
  private Sse sse;
  private SseBroadcaster broadcaster;
  private final java.util.List<Own> own = new java.util.concurrent.CopyOnWriteArrayList<>();

  @Inject TaskOwners owners;

  /** A viewer's or operator's stream. */
  private record Own(SseEventSink sink, Actor actor) {}

  void register(Sse sse, SseEventSink sink, Actor actor) {
    synchronized (lock) {
      if (broadcaster == null) {
        this.sse = sse;
        this.broadcaster = sse.newBroadcaster();
      }
      if (actor.seesAll()) {
        broadcaster.register(sink);
      } else {
        own.add(new Own(sink, actor));
      }
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
      OutboundSseEvent out = toSse(s, e);
      b.broadcast(out);
      for (Own o : own) {
        if (o.sink().isClosed()) {
          own.remove(o);
        } else if (owners.visible(e, o.actor())) {
          o.sink().send(out).exceptionally(failed -> {
            own.remove(o);
            return null;
          });
        }
      }
    }
  }
}
