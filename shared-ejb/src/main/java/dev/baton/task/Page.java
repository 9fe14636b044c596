package dev.baton.task;

import java.util.List;

/** One page of a listing and the number of all matches. */
public record Page<T>(List<T> items, long total, int offset, int limit) {}
