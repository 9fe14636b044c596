package dev.baton.manager.system.boundary;

import dev.baton.manager.system.control.StatusReport;
import dev.baton.manager.system.entity.SystemStatus;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** The system's status: components up or down, tasks per status, throughput. */
@Path("system/status")
@RequestScoped
public class SystemResource {
  @Inject StatusReport report;

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Components, counts per status, throughput",
      description = "Always 200: it reports; status is UP, DEGRADED or DOWN. /health/ready answers 503 for orchestrators.")
  public SystemStatus status() {
    return report.now();
  }
}
