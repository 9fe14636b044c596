package dev.baton.console.push;

import java.io.Serializable;

/**
 * Whom a console page's live channel belongs to (the {@code user} of its f:websocket): pushes go to each user's own
 * pages, an admin's with the whole cluster, a viewer's or operator's with their own tasks only.
 */
public record PushUser(String name, boolean seesAll) implements Serializable {}
