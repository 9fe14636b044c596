package dev.baton.security;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which requests a page of another origin made a browser send: refused when they change something. */
class CrossSiteTest {

  private static jakarta.servlet.http.HttpServletRequest request(String method, Map<String, String> headers) {
    return TestRequests.request(Map.of("getMethod", method), headers);
  }

  @Test
  void fetchMetadataDecides() {
    assertNotNull(CrossSite.refusal(request("POST", Map.of("Sec-Fetch-Site", "cross-site"))));
    assertNotNull(CrossSite.refusal(request("POST", Map.of("Sec-Fetch-Site", "same-site"))), "another port is the same site");
    assertNotNull(CrossSite.refusal(request("DELETE", Map.of("Sec-Fetch-Site", "same-site"))));
    assertNull(CrossSite.refusal(request("POST", Map.of("Sec-Fetch-Site", "same-origin", "Host", "127.0.0.1:8080"))));
    assertNull(CrossSite.refusal(request("POST", Map.of("Sec-Fetch-Site", "none"))), "typed in the address bar, a bookmark");
  }

  @Test
  void withoutFetchMetadataTheOriginDecides() {
    assertNotNull(CrossSite.refusal(request("POST", Map.of("Origin", "http://127.0.0.1:3000", "Host", "127.0.0.1:8080"))));
    assertNotNull(CrossSite.refusal(request("PUT", Map.of("Origin", "null", "Host", "127.0.0.1:8080"))), "an opaque origin");
    assertNull(CrossSite.refusal(request("POST", Map.of("Origin", "http://127.0.0.1:8080", "Host", "127.0.0.1:8080"))));
    assertNull(CrossSite.refusal(request("POST", Map.of("Host", "127.0.0.1:8080"))), "no browser: curl, the Java client");
  }

  @Test
  void readingIsLeftToTheSameOriginPolicyButAWebSocketHandshakeIsChecked() {
    assertNull(CrossSite.refusal(request("GET", Map.of("Sec-Fetch-Site", "cross-site"))));
    assertNotNull(
        CrossSite.refusal(request("GET", Map.of("Upgrade", "websocket", "Origin", "http://127.0.0.1:3000", "Host", "127.0.0.1:8080"))),
        "a page of another port opening the console's live channel");
    assertNull(CrossSite.refusal(request("GET", Map.of("Upgrade", "websocket", "Origin", "http://127.0.0.1:8080", "Host", "127.0.0.1:8080"))));
  }

  @Test
  void comparesHostAndPortWithDefaults() {
    assertTrue(CrossSite.sameOrigin("https://baton.example", "baton.example"));
    assertTrue(CrossSite.sameOrigin("https://baton.example", "baton.example:443"));
    assertTrue(CrossSite.sameOrigin("http://Baton.Example:80", "baton.example"));
    assertFalse(CrossSite.sameOrigin("http://baton.example:8081", "baton.example:8080"));
    assertFalse(CrossSite.sameOrigin("http://baton.example:8080", "baton.example"), "no port in Host: the scheme's default");
    assertFalse(CrossSite.sameOrigin("http://evil.example", "baton.example"));
    assertFalse(CrossSite.sameOrigin("garbage", "baton.example"));
  }
}
