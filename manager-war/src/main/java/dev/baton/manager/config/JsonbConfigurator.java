package dev.baton.manager.config;

import jakarta.json.bind.Jsonb;
import jakarta.ws.rs.ext.ContextResolver;
import jakarta.ws.rs.ext.Provider;

/** The API speaks snake_case JSON ({@code worker_id}, {@code created_at}); absent values are left out. */
@Provider
public class JsonbConfigurator implements ContextResolver<Jsonb> {
  public static final Jsonb JSONB = JsonBinding.JSONB;

  @Override
  public Jsonb getContext(Class<?> type) {
    return JSONB;
  }
}
