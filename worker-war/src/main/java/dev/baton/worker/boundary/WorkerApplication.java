package dev.baton.worker.boundary;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The worker's small HTTP API under /api. */
@ApplicationPath("api")
public class WorkerApplication extends Application {}
