package dev.baton.store;

/**
 * What one pass of retention or a purge removed (see retention.lua).
 *
 * @param deleted tasks removed with all their keys
 * @param passedOver finished tasks of another status examined and kept (a purge of one status skips them next)
 * @param more whether another pass may remove more
 */
public record RetentionPass(int deleted, int passedOver, boolean more) {}
