package dev.baton.manager.system.boundary;

import dev.baton.json.Jsonp;
import dev.baton.manager.refusal.Refusal;
import jakarta.enterprise.context.RequestScoped;
import jakarta.json.JsonObject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Answers the SHA-256 of what it is sent: the far end of the "network" task type. */
@Path("echo")
@RequestScoped
public class EchoResource {
  static final int MAX_BYTES = 2 << 20;

  @POST
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(summary = "SHA-256 of the request body (used by network tasks)")
  public JsonObject echo(InputStream body) throws IOException, NoSuchAlgorithmException {
    byte[] bytes = body.readNBytes(MAX_BYTES + 1);
    if (bytes.length > MAX_BYTES) {
      throw Refusal.tooLarge("body", "must not exceed " + MAX_BYTES + " bytes");
    }
    String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    return Jsonp.object().add("bytes", bytes.length).add("sha256", sha).build();
  }
}
