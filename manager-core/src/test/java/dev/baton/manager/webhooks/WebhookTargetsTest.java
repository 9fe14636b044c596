package dev.baton.manager.webhooks;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.manager.webhooks.control.WebhookTargets;
import java.net.URI;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Webhooks point at public addresses only, unless an admin allowed the host. */
class WebhookTargetsTest {
  @Test
  void refusesLoopbackPrivateAndLinkLocalAddresses() {
    for (String url : new String[] {"http://127.0.0.1:6379/", "http://127.1.2.3/", "http://localhost:8080/x", "http://10.0.0.1/",
        "http://172.16.5.4/", "http://192.168.1.1/", "http://169.254.169.254/latest/meta-data", "http://0.0.0.0:8080/",
        "http://100.64.0.1/", "http://[::1]:8080/", "http://[fd00::1]/", "http://[fe80::1]/", "http://[::ffff:127.0.0.1]/",
        "http://224.0.0.1/", "http://255.255.255.255/"}) {
      String why = WebhookTargets.refusal(URI.create(url), Set.of());
      assertNotNull(why, url);
      assertTrue(why.contains("PUT /api/webhooks/allowed-hosts"), why);
    }
  }

  @Test
  void letsPublicAddressesAndAllowedHostsThrough() {
    assertNull(WebhookTargets.refusal(URI.create("http://93.184.215.14/hook"), Set.of()));
    assertNull(WebhookTargets.refusal(URI.create("https://[2606:4700::1111]/hook"), Set.of()));
    assertNull(WebhookTargets.refusal(URI.create("http://127.0.0.1:9000/hook"), Set.of("127.0.0.1:9000")), "host:port allowed");
    assertNotNull(WebhookTargets.refusal(URI.create("http://127.0.0.1:9001/hook"), Set.of("127.0.0.1:9000")), "another port is not");
    assertNull(WebhookTargets.refusal(URI.create("http://127.0.0.1:9001/hook"), Set.of("127.0.0.1")), "a host: any port");
    assertNull(WebhookTargets.refusal(URI.create("https://LOCALHOST/hook"), Set.of("localhost:443")), "the scheme's port");
    assertNull(WebhookTargets.refusal(URI.create("http://[::1]:8080/"), Set.of("[::1]:8080")));
  }

  @Test
  void aNameThatDoesNotResolveIsRefused() {
    assertNotNull(WebhookTargets.refusal(URI.create("http://no-such-host.invalid/"), Set.of()));
  }
}
