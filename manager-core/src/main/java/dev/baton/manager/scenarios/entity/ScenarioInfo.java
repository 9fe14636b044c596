package dev.baton.manager.scenarios.entity;

import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.util.List;

/** A demo scenario one can run: its name (as demo.sh knows it), what it shows, and its steps. */
@JsonbPropertyOrder({"name", "title", "description", "steps"})
public record ScenarioInfo(String name, String title, String description, List<String> steps) {}
