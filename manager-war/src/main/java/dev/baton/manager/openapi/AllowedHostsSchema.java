package dev.baton.manager.openapi;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The hosts on non-public addresses that webhooks may point at (GET and PUT /api/webhooks/allowed-hosts). */
@Schema(name = "AllowedHosts", description = "Hosts (any port) or host:port on loopback, private or link-local addresses that webhooks may use.")
public record AllowedHostsSchema(@Schema(example = "[\"127.0.0.1:9000\", \"hooks.lan\"]") List<String> hosts) {}
