package dev.baton.task;

import java.util.List;

/**
 * What a reconciliation repaired.
 *
 * @param scheduled waiting tasks put back on the dispatch schedule
 * @param recovered tasks taken from owners that are gone
 * @param goneOwners those owners
 */
public record Reconciliation(int scheduled, int recovered, List<String> goneOwners) {}
