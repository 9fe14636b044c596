package dev.baton.manager.config;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;
import jakarta.json.bind.config.PropertyNamingStrategy;

/** How Baton writes its records as JSON everywhere (the REST API, the console's pushes): snake_case. */
public final class JsonBinding {
  public static final Jsonb JSONB =
      JsonbBuilder.create(new JsonbConfig().withPropertyNamingStrategy(PropertyNamingStrategy.LOWER_CASE_WITH_UNDERSCORES));

  private JsonBinding() {}
}
