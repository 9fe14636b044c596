package dev.baton.worker.handlers;

import static dev.baton.task.ParamSpec.Kind.INTEGER;

import dev.baton.json.Jsonp;
import dev.baton.task.ParamSpec;
import dev.baton.task.TaskTypeDescriptor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;

/**
 * Real file I/O in the worker's scratch folder: writes {@code size_bytes} of deterministic content chunk
 * by chunk, syncs, reads it back and checks that the SHA-256 chain of what was read equals that of what
 * was written. The checkpoint is the phase, the offset and the chain so far. A worker resuming another
 * worker's task first rewrites the part of the file it does not have (its scratch folder is its own).
 */
@ApplicationScoped
public class IoHandler implements TaskHandler {
  private static final TaskTypeDescriptor DESCRIPTOR =
      new TaskTypeDescriptor(
          "io",
          "writes a file in chunks, reads it back and verifies its checksum",
          List.of(
              ParamSpec.of("size_bytes", INTEGER, "file size").between(1, 1L << 30).defaultsTo(4L << 20),
              ParamSpec.of("chunk_bytes", INTEGER, "bytes per step").between(4096, 16L << 20).defaultsTo(256L << 10),
              ParamSpec.of("pace_ms", INTEGER, "pause per chunk, to watch it run").between(0, 60_000).defaultsTo(0)));

  @Override
  public TaskTypeDescriptor descriptor() {
    return DESCRIPTOR;
  }

  @Override
  public TaskRun start(TaskInput in) throws IOException {
    JsonObject d = in.data();
    long size = d.getJsonNumber("size_bytes") == null ? 4L << 20 : d.getJsonNumber("size_bytes").longValue();
    int chunk = d.getInt("chunk_bytes", 256 << 10);
    Files.createDirectories(in.scratchDir());
    Run run = new Run(in, size, chunk, d.getInt("pace_ms", 0), in.scratchDir().resolve(in.taskId() + ".dat"));
    JsonObject c = in.checkpoint();
    if (c == null) {
      byte[] seed = Digests.sha256().digest(in.taskId().getBytes(java.nio.charset.StandardCharsets.UTF_8));
      run.writeDigest = seed;
      run.readDigest = seed;
    } else {
      run.verifying = c.getString("phase").equals("verify");
      run.offset = c.getJsonNumber("offset").longValue();
      run.readOffset = c.getJsonNumber("read_offset").longValue();
      run.writeDigest = Digests.unhex(c.getString("write_chain"));
      run.readDigest = Digests.unhex(c.getString("read_chain"));
    }
    run.open();
    return run;
  }

  private static final class Run implements TaskRun {
    private final TaskInput in;
    private final long size;
    private final int chunk;
    private final int paceMs;
    private final Path file;
    private FileChannel channel;
    boolean verifying;
    long offset;
    long readOffset;
    byte[] writeDigest;
    byte[] readDigest;
    private boolean phaseChanged;
    private boolean verified;

    Run(TaskInput in, long size, int chunk, int paceMs, Path file) {
      this.in = in;
      this.size = size;
      this.chunk = chunk;
      this.paceMs = paceMs;
      this.file = file;
    }

    /** Opens the file and restores the part this worker lacks (it may resume another worker's task). */
    void open() throws IOException {
      channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
      long needed = verifying ? size : offset;
      // Rewrite from the last whole chunk this worker has; a complete file is left alone.
      long have = channel.size() >= needed ? needed : channel.size() / chunk * chunk;
      for (long at = have; at < needed; at += chunk) {
        writeFully(content(at), at);
      }
      if (!verifying) {
        channel.truncate(offset);
      }
    }

    private ByteBuffer content(long at) {
      byte[] bytes = new byte[(int) Math.min(chunk, size - at)];
      Seeds.at(in.taskId(), at / chunk).nextBytes(bytes);
      return ByteBuffer.wrap(bytes);
    }

    private void writeFully(ByteBuffer buf, long at) throws IOException {
      long pos = at;
      while (buf.hasRemaining()) {
        pos += channel.write(buf, pos);
      }
    }

    @Override
    public boolean isDone() {
      return verified;
    }

    @Override
    public void step() throws IOException {
      if (paceMs > 0) {
        in.pacer().pause(paceMs);
      }
      phaseChanged = false;
      if (!verifying) {
        ByteBuffer buf = content(offset);
        writeFully(buf.duplicate(), offset);
        writeDigest = Digests.chain(writeDigest, buf.array(), buf.limit());
        offset += buf.limit();
        if (offset >= size) {
          channel.force(true);
          verifying = true;
          phaseChanged = true;
        }
      } else {
        int len = (int) Math.min(chunk, size - readOffset);
        ByteBuffer buf = ByteBuffer.allocate(len);
        while (buf.hasRemaining()) {
          if (channel.read(buf, readOffset + buf.position()) < 0) {
            throw new IOException(file + " is shorter than the " + size + " bytes written");
          }
        }
        readDigest = Digests.chain(readDigest, buf.array(), len);
        readOffset += len;
        if (readOffset >= size) {
          if (!Arrays.equals(readDigest, writeDigest)) {
            throw new IOException("read back differs from what was written to " + file);
          }
          verified = true;
        }
      }
    }

    @Override
    public int progress() {
      return (int) ((offset + readOffset) * 100 / (2 * size));
    }

    @Override
    public String progressMessage() {
      return verifying ? "verified " + readOffset + " of " + size + " bytes" : "wrote " + offset + " of " + size + " bytes";
    }

    @Override
    public boolean wantsCheckpoint() {
      return phaseChanged;
    }

    @Override
    public JsonObject checkpoint() {
      return Jsonp.object()
          .add("phase", verifying ? "verify" : "write")
          .add("offset", offset)
          .add("read_offset", readOffset)
          .add("write_chain", Digests.hex(writeDigest))
          .add("read_chain", Digests.hex(readDigest))
          .build();
    }

    @Override
    public JsonValue result() {
      return Jsonp.object()
          .add("bytes", size)
          .add("chunks", (size + chunk - 1) / chunk)
          .add("sha256_chain", Digests.hex(writeDigest))
          .add("verified", verified)
          .build();
    }

    @Override
    public void close() throws IOException {
      if (channel != null) {
        channel.close();
      }
      if (verified) {
        Files.deleteIfExists(file);
      }
    }
  }
}
