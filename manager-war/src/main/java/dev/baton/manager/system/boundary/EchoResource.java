package dev.baton.manager.system.boundary;

import dev.baton.json.Jsonp;
import dev.baton.manager.openapi.ApiDocs;
import dev.baton.manager.openapi.EchoSchema;
import dev.baton.manager.refusal.Refusal;
import dev.baton.security.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
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
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Answers the SHA-256 of what it is sent: the far end of the "network" task type. */
@RolesAllowed(Role.ANY_CALLER) // any caller: it stores nothing (ADR 0048)
@Path("echo")
@Tag(name = "system", description = "The system's status, its event log (pages and a live stream), and the echo of network tasks.")
@RequestScoped
public class EchoResource {
  static final int MAX_BYTES = 2 << 20;

  @POST
  @Consumes(MediaType.APPLICATION_OCTET_STREAM) // raw bytes; a type no page may send across sites without asking (JsonOnly)
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "SHA-256 of the request body (used by network tasks)",
      description = "Any bytes, sent as application/octet-stream; nothing is parsed or stored.",
      extensions = @Extension(name = ApiDocs.NO_STORE, value = "true"))
  @RequestBody(
      description = "Up to 2 MiB of any bytes as application/octet-stream; empty is fine.",
      content = @Content(mediaType = MediaType.APPLICATION_OCTET_STREAM, schema = @Schema(type = SchemaType.STRING, format = "binary")))
  @APIResponse(
      responseCode = "200",
      description = "The body's length and digest.",
      content = @Content(mediaType = ApiDocs.JSON, schema = @Schema(implementation = EchoSchema.class)))
  @APIResponse(responseCode = "413", description = "More than 2 MiB (2,097,152 bytes).")
  public JsonObject echo(InputStream body) throws IOException, NoSuchAlgorithmException {
    byte[] bytes = body.readNBytes(MAX_BYTES + 1);
    if (bytes.length > MAX_BYTES) {
      throw Refusal.tooLarge("body", "must not exceed " + MAX_BYTES + " bytes");
    }
    String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    return Jsonp.object().add("bytes", bytes.length).add("sha256", sha).build();
  }
}
