package dev.baton.store;

import java.util.Map;

/**
 * What a delete of finished tasks did.
 *
 * @param deleted how many were removed with all their keys
 * @param refused the ids that were not, with their status ({@code MISSING} if unknown)
 */
public record Deleted(int deleted, Map<String, String> refused) {}
