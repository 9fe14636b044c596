package dev.baton.console.pages;

import dev.baton.console.faces.Attempt;
import dev.baton.console.faces.FieldMessages;
import dev.baton.manager.config.JsonBinding;
import dev.baton.manager.operations.Operations;
import dev.baton.manager.scenarios.control.ScenarioEngine;
import dev.baton.manager.scenarios.entity.ScenarioInfo;
import dev.baton.manager.scenarios.entity.ScenarioRun;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.List;

/**
 * The demo scenarios, run from the console on the same engine as demo.sh: a step list that ticks as the
 * system gets there, the narration, and at the end the exactly-once check.
 */
@Named
@RequestScoped
public class ScenariosPage {
  @Inject dev.baton.manager.security.Callers callers;
  @Inject ScenarioEngine engine;
  @Inject Operations ops;

  public List<ScenarioInfo> getCatalogue() {
    return engine.catalogue();
  }

  public boolean isRestartsWorkers() {
    return engine.canRestartWorkers();
  }

  public boolean isRunning() {
    return engine.current().map(ScenarioRun::isRunning).orElse(false);
  }

  /** The run under way or the last one, as JSON for the page's script; empty if there was none. */
  public String getRunJson() {
    return engine.current().map(JsonBinding.JSONB::toJson).orElse("");
  }

  public void start(String name) {
    Attempt.of(() -> ops.startScenario(name, callers.console())).ifPresent(run -> FieldMessages.info("Started: " + run.title(), "each step ticks when the system gets there"));
  }

  public void abort() {
    engine.current().filter(ScenarioRun::isRunning).ifPresent(run -> Attempt.of(() -> ops.abortScenario(run.id(), callers.console())));
  }
}
