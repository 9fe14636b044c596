package dev.baton.manager.system.control;

import dev.baton.manager.tasks.control.Dispatcher;
import dev.baton.store.Redis;
import dev.baton.store.StoreUnavailableException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready when Redis answers and the dispatcher runs. The broker is not required: tasks are accepted while
 * it is down and sent when it is back.
 */
@Readiness
@ApplicationScoped
public class ManagerReadiness implements HealthCheck {
  @Inject Redis redis;
  @Inject Dispatcher dispatcher;

  @Override
  public HealthCheckResponse call() {
    boolean redisUp;
    try {
      redis.ping();
      redisUp = true;
    } catch (StoreUnavailableException e) {
      redisUp = false;
    }
    return HealthCheckResponse.named("manager")
        .status(redisUp && dispatcher.isRunning())
        .withData("redis", redisUp ? "UP" : "DOWN")
        .withData("dispatcher", dispatcher.isRunning() ? "running" : "stopped")
        .withData("broker", dispatcher.isBrokerUp() ? "UP" : "not connected")
        .build();
  }
}
