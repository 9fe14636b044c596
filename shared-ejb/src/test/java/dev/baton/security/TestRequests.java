package dev.baton.security;

import jakarta.servlet.http.HttpServletRequest;
import java.lang.reflect.Proxy;
import java.util.Map;

/** A request with just what a test gives it: the getters named (getMethod, getServletPath, ...) and headers. */
final class TestRequests {
  private TestRequests() {}

  static HttpServletRequest request(Map<String, String> getters, Map<String, String> headers) {
    return (HttpServletRequest)
        Proxy.newProxyInstance(
            TestRequests.class.getClassLoader(),
            new Class<?>[] {HttpServletRequest.class},
            (p, m, a) -> {
              if (m.getName().equals("getHeader")) {
                return headers.get((String) a[0]);
              }
              if (getters.containsKey(m.getName())) {
                return getters.get(m.getName());
              }
              throw new UnsupportedOperationException(m.getName());
            });
  }
}
