package dev.baton.security;

import dev.baton.json.Jsonp;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The error page of the container's own refusals (web-fragment.xml): problem+json for the API's paths, a short page
 * in words elsewhere. Only the status and its reason are told, never the server's report or a stack trace.
 */
@WebServlet("/baton-error")
public class ErrorAnswers extends HttpServlet {
  private static final long serialVersionUID = 1L;

  @Override
  protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
    int status = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE) instanceof Integer s ? s : 404;
    String uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI) instanceof String u ? u : request.getRequestURI();
    String path = uri.substring(Math.min(uri.length(), request.getContextPath().length()));
    String reason = reason(status);
    response.setStatus(status);
    response.setCharacterEncoding("UTF-8");
    if (path.startsWith("/api/") || path.equals("/api")) {
      response.setContentType("application/problem+json");
      String body =
          Jsonp.object()
              .add("type", "about:blank")
              .add("title", reason)
              .add("status", status)
              .add("detail", detail(status))
              .add("instance", path.length() > 300 ? path.substring(0, 300) : path)
              .build()
              .toString();
      response.getOutputStream().write(body.getBytes(StandardCharsets.UTF_8));
    } else {
      response.setContentType("text/html");
      String body =
          "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Baton · " + status + " " + reason + "</title></head>"
              + "<body><h1>" + status + " " + reason + "</h1><p>" + detail(status) + "</p><p><a href=\""
              + request.getContextPath() + "/console/\">The console</a></p></body></html>";
      response.getOutputStream().write(body.getBytes(StandardCharsets.UTF_8));
    }
  }

  private static String reason(int status) {
    return switch (status) {
      case 400 -> "Bad request";
      case 401 -> "Unauthorized";
      case 403 -> "Forbidden";
      case 404 -> "Not found";
      case 405 -> "Method not allowed";
      case 406 -> "Not acceptable";
      case 413 -> "Content too large";
      case 414 -> "URI too long";
      case 415 -> "Unsupported media type";
      case 501 -> "Not implemented";
      case 503 -> "Service unavailable";
      default -> "Error";
    };
  }

  private static String detail(int status) {
    return switch (status) {
      case 404 -> "There is nothing at this path.";
      case 405, 501 -> "This path does not take this method.";
      case 403 -> "This path is not served.";
      case 413, 414 -> "The request is larger than this server takes.";
      case 500, 503 -> "The server could not answer; nothing was changed.";
      default -> "The request was refused; nothing was changed.";
    };
  }
}
