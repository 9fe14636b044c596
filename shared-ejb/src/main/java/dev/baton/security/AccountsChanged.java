package dev.baton.security;

/** A CDI event: users or tokens changed somewhere in the cluster; whoever holds a caller checks them again. */
public record AccountsChanged() {}
