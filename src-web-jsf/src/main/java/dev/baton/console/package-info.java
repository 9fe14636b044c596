/** The Baton console: PrimeFaces pages and their backing beans. */
package dev.baton.console;
