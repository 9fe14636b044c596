package dev.baton.manager.system.boundary;

import dev.baton.event.BatonEvent;
import dev.baton.manager.config.JsonbConfigurator;
import dev.baton.manager.operations.Actor;
import dev.baton.manager.security.Accounts;
import dev.baton.manager.system.entity.EventView;
import dev.baton.manager.tasks.control.TaskOwners;
import dev.baton.security.AccountsChanged;
import dev.baton.security.Caller;
import dev.baton.store.StoreUnavailableException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Logger;

/**
 * Sends every event of the log to every connected SSE client, named by its type, with its id: to an admin all of
 * them, to a viewer or operator those of their own tasks and the workers'. Each stream keeps the credentials that
 * opened it: when users or tokens change anywhere in the cluster they are checked again, and a stream whose caller is
 * gone (deleted, password changed, token revoked) is closed; one whose role changed sees what the new role sees.
 */
@ApplicationScoped
public class EventBroadcaster {
  private static final Logger LOG = Logger.getLogger(EventBroadcaster.class.getName());
  private final List<Stream> streams = new CopyOnWriteArrayList<>();

  @Inject TaskOwners owners;
  @Inject Accounts accounts;

  /** One client's stream: the credentials it was opened with (its Authorization header) and what it may see now. */
  private static final class Stream {
    final SseEventSink sink;
    final Sse sse;
    final String authorization;
    volatile Actor actor;

    Stream(SseEventSink sink, Sse sse, String authorization, Actor actor) {
      this.sink = sink;
      this.sse = sse;
      this.authorization = authorization;
      this.actor = actor;
    }
  }

  void register(Sse sse, SseEventSink sink, String authorization, Actor actor) {
    streams.add(new Stream(sink, sse, authorization, actor));
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
    OutboundSseEvent out = null;
    for (Stream s : streams) {
      if (s.sink.isClosed()) {
        streams.remove(s);
      } else if (owners.visible(e, s.actor)) {
        out = out == null ? toSse(s.sse, e) : out;
        s.sink.send(out).exceptionally(failed -> {
          streams.remove(s);
          return null;
        });
      }
    }
  }

  /** Users or tokens changed: every stream's credentials are checked again. */
  void onAccountsChanged(@Observes AccountsChanged changed) {
    for (Stream s : streams) {
      Optional<Caller> now;
      try {
        now = accounts.authenticator().recheck(s.authorization);
      } catch (StoreUnavailableException e) {
        continue; // checked again at the next change; an outage ends no stream
      }
      if (now.isEmpty()) {
        streams.remove(s);
        LOG.info(() -> "closed the event stream of " + s.actor.user() + ": its credentials no longer hold");
        s.sink.close();
      } else {
        s.actor = new Actor(s.actor.via(), now.get().name(), now.get().role());
      }
    }
  }
}
