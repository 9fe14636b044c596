package dev.baton.manager.webhooks.control;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Set;

/**
 * Where webhooks may point: hosts on public addresses only, unless an admin allowed the host (or host:port). A
 * manager that posts wherever anyone who may make a webhook says is a port scanner inside its own network - loopback
 * (the broker, Redis, Payara's admin), link-local (cloud metadata at 169.254.169.254), private ranges - and its
 * deliveries' errors would tell what answered. Checked when a webhook is made and again before every delivery (an
 * address can change; so can the list). Every address a name resolves to must be allowed.
 */
public final class WebhookTargets {
  private WebhookTargets() {}

  /** @return why the URL may not be used now, or null if it may */
  public static String refusal(URI url, Set<String> allowed) {
    String host = host(url);
    int port = url.getPort() >= 0 ? url.getPort() : "https".equals(url.getScheme()) ? 443 : 80;
    if (allowed.contains(host) || allowed.contains(host + ":" + port)) {
      return null;
    }
    InetAddress[] addresses;
    try {
      addresses = InetAddress.getAllByName(url.getHost());
    } catch (UnknownHostException e) {
      return "its host " + host + " does not resolve";
    }
    for (InetAddress a : addresses) {
      if (!isPublic(a)) {
        return "it points at a loopback, private or link-local address (" + a.getHostAddress() + "); an admin may allow the host"
            + " with PUT /api/webhooks/allowed-hosts";
      }
    }
    return null;
  }

  /** The host as the allowed list writes it: lower case, an IPv6 address in brackets. */
  static String host(URI url) {
    String h = url.getHost().toLowerCase(Locale.ROOT);
    return h.contains(":") && !h.startsWith("[") ? "[" + h + "]" : h;
  }

  static boolean isPublic(InetAddress a) {
    if (a.isLoopbackAddress() || a.isAnyLocalAddress() || a.isLinkLocalAddress() || a.isSiteLocalAddress() || a.isMulticastAddress()) {
      return false;
    }
    byte[] b = a.getAddress();
    if (a instanceof Inet4Address) {
      int first = b[0] & 0xff;
      int second = b[1] & 0xff;
      return first != 0 // "this network"
          && !(first == 100 && second >= 64 && second <= 127) // carrier-grade NAT
          && !(first == 198 && (second == 18 || second == 19)) // benchmarking
          && first < 240; // reserved, broadcast
    }
    if (a instanceof Inet6Address) {
      int first = b[0] & 0xff;
      if ((first & 0xfe) == 0xfc) {
        return false; // unique local fc00::/7
      }
      boolean v4Mapped = true;
      for (int i = 0; i < 10; i++) {
        v4Mapped &= b[i] == 0;
      }
      if (v4Mapped && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff) {
        try {
          return isPublic(InetAddress.getByAddress(java.util.Arrays.copyOfRange(b, 12, 16)));
        } catch (UnknownHostException e) {
          return false;
        }
      }
    }
    return true;
  }
}
