package dev.baton.manager.system.boundary;

import dev.baton.manager.openapi.ApiDocs;
import dev.baton.manager.system.control.StatusReport;
import dev.baton.manager.system.entity.SystemStatus;
import dev.baton.security.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The system's status: components up or down, tasks per status, throughput. */
@RolesAllowed(Role.ANY_CALLER) // any caller: the actions check each role (Operations); ADR 0048
@Path("system/status")
@Tag(name = "system", description = "The system's status, its event log (pages and a live stream), and the echo of network tasks.")
@RequestScoped
public class SystemResource {
  @Inject StatusReport report;

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Components, counts per status, throughput",
      description = "Always 200: it reports; status is UP, DEGRADED or DOWN. /health/ready answers 503 for orchestrators.",
      extensions = @Extension(name = ApiDocs.NO_STORE, value = "true"))
  @APIResponse(
      responseCode = "200",
      description = "UP: everything works; DEGRADED: tasks are accepted but the broker or every worker is missing; DOWN: Redis is"
          + " unreachable (then without task counts and throughput).",
      content = @Content(mediaType = ApiDocs.JSON, schema = @Schema(implementation = SystemStatus.class)))
  public SystemStatus status() {
    return report.now();
  }
}
