package dev.baton.manager.system.entity;

import jakarta.json.bind.annotation.JsonbNillable;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.util.List;

/** A page of events, newest first; pass {@code next_before} as {@code before} for the next page. */
@JsonbPropertyOrder({"events", "count", "nextBefore"})
public record EventPage(List<EventView> events, int count, @JsonbNillable String nextBefore) {}
