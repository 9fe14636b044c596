package dev.baton.manager.openapi;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * Swagger UI at {@code /openapi/ui/}, on the document Payara builds at {@code /openapi}. Payara maps its
 * OpenAPI servlet to {@code /openapi/*} in the root web module (this WAR); the longer mapping here wins
 * for the UI's paths. The UI's scripts come from the swagger-ui webjar, served by the container at
 * {@code /webjars/swagger-ui/<version>/} (no CDN); the page and its start script are written here.
 */
@WebServlet(urlPatterns = {"/openapi/ui", "/openapi/ui/*"})
public class SwaggerUi extends HttpServlet {
  private static final String VERSION = webjarVersion();

  @Override
  protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    String path = req.getPathInfo() == null ? "" : req.getPathInfo();
    String assets = req.getContextPath() + "/webjars/swagger-ui/" + VERSION + "/";
    switch (path) {
      case "" -> resp.sendRedirect(req.getContextPath() + "/openapi/ui/");
      case "/", "/index.html" -> send(resp, "text/html", page(assets));
      case "/init.js" -> send(resp, "text/javascript", start(req.getContextPath() + "/openapi"));
      default -> resp.sendError(HttpServletResponse.SC_NOT_FOUND);
    }
  }

  private static void send(HttpServletResponse resp, String type, String body) throws IOException {
    resp.setContentType(type);
    resp.setCharacterEncoding("UTF-8");
    resp.setHeader("Cache-Control", "no-cache");
    resp.getWriter().write(body);
  }

  private static String page(String assets) {
    return """
        <!DOCTYPE html>
        <html lang="en">
        <head>
          <meta charset="UTF-8">
          <title>Baton API</title>
          <link rel="stylesheet" href="%1$sswagger-ui.css">
          <link rel="icon" type="image/png" href="%1$sfavicon-32x32.png" sizes="32x32">
        </head>
        <body>
          <div id="swagger-ui"></div>
          <script src="%1$sswagger-ui-bundle.js"></script>
          <script src="%1$sswagger-ui-standalone-preset.js"></script>
          <script src="init.js"></script>
        </body>
        </html>
        """
        .formatted(assets);
  }

  /** A script of its own rather than inline, so a content security policy without 'unsafe-inline' allows it. */
  private static String start(String documentUrl) {
    return """
        window.onload = function () {
          window.ui = SwaggerUIBundle({
            url: '%s',
            dom_id: '#swagger-ui',
            deepLinking: true,
            presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
            layout: 'StandaloneLayout'
          });
        };
        """
        .formatted(documentUrl);
  }

  /** The webjar's version, from its own Maven metadata (so it is named once, in the pom). */
  private static String webjarVersion() {
    try (InputStream in = SwaggerUi.class.getResourceAsStream("/META-INF/maven/org.webjars/swagger-ui/pom.properties")) {
      Properties p = new Properties();
      if (in == null) {
        throw new IllegalStateException("the swagger-ui webjar is missing from WEB-INF/lib");
      }
      p.load(in);
      return p.getProperty("version");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
