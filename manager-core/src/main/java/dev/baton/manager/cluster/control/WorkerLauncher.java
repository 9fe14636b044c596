package dev.baton.manager.cluster.control;

import dev.baton.manager.config.ManagerSettings;
import dev.baton.manager.refusal.Refusal;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Starts a worker process again, or cuts it off the network and heals it, through the launcher that started the
 * cluster (demo.sh, which passes itself as {@code baton.launcher}). A worker that crashed is a dead process: only
 * whoever started it can start it again; a real network partition is the host's firewall, which only the launcher
 * (as root) may change. Where workers are started by someone else (docker compose, systemd, a person) there is no
 * launcher and they come back by that someone's doing.
 */
@ApplicationScoped
public class WorkerLauncher {
  private static final Logger LOG = Logger.getLogger(WorkerLauncher.class.getName());
  private static final Pattern NUMBERED = Pattern.compile("worker-(\\d{1,3})");
  private static final long TIMEOUT_S = 300;

  @Inject ManagerSettings settings;

  /** True if this manager was started by a launcher it can call. */
  public boolean available() {
    return !settings.launcher().isBlank() && Files.isExecutable(Path.of(settings.launcher()));
  }

  /** True if the launcher can start this worker (demo.sh knows its workers by number: worker-N). */
  public boolean canStart(String workerId) {
    return available() && NUMBERED.matcher(workerId).matches();
  }

  /**
   * Starts the worker's process and waits until it is ready (demo.sh recover-worker N).
   *
   * @return what the launcher said
   * @throws Refusal CONFLICT if there is no launcher or it failed
   */
  public String start(String workerId) {
    return launch(workerId, "recover-worker", "start");
  }

  /**
   * Cuts the worker off the network: every packet between it and the rest of the cluster dropped, the process left
   * running (demo.sh partition-worker N; nftables, so only where demo.sh runs as root).
   *
   * @throws Refusal CONFLICT if there is no launcher or it cannot cut links here
   */
  public String partition(String workerId) {
    return launch(workerId, "partition-worker", "cut off");
  }

  /** Restores the worker's links (demo.sh heal-worker N; nothing to do if none was cut). */
  public String heal(String workerId) {
    return launch(workerId, "heal-worker", "heal");
  }

  private String launch(String workerId, String command, String doing) {
    Matcher m = NUMBERED.matcher(workerId);
    if (!available() || !m.matches()) {
      throw Refusal.conflict(
          "this manager cannot " + doing + " " + workerId + ": it was not started by demo.sh; do it where the worker runs");
    }
    ProcessBuilder pb = new ProcessBuilder(List.of(settings.launcher(), command, m.group(1))).redirectErrorStream(true);
    pb.environment().put("BATON_NO_BUILD", "1");
    if (!settings.launcherRunDir().isBlank()) {
      pb.environment().put("BATON_RUN_DIR", settings.launcherRunDir());
    }
    LOG.info(() -> doing + " " + workerId + " through " + settings.launcher());
    try {
      Process p = pb.start();
      p.getOutputStream().close();
      byte[] out = p.getInputStream().readAllBytes(); // ends when the launcher exits (a started worker is detached)
      if (!p.waitFor(TIMEOUT_S, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw Refusal.conflict("the launcher did not " + doing + " " + workerId + " within " + TIMEOUT_S + " s");
      }
      String said = new String(out, StandardCharsets.UTF_8).strip();
      if (p.exitValue() != 0) {
        throw Refusal.conflict("the launcher could not " + doing + " " + workerId + ": " + said);
      }
      return said;
    } catch (IOException e) {
      throw Refusal.conflict("the launcher could not be run: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw Refusal.conflict("interrupted while asking the launcher to " + doing + " " + workerId);
    }
  }
}
