package dev.baton.security;

/**
 * Who sent a request, once their credentials were checked.
 *
 * @param name the user (for a token: its owner)
 * @param role what they may do now (for a token: the token's role)
 * @param via how they proved it: {@code basic}, {@code bearer}, {@code session}
 */
public record Caller(String name, Role role, String via) {}
