package dev.twine.web.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real HTTP server the agent is tested against, run as a process of its own on 127.0.0.1; it
 * is stopped by PID, with every process it started, within a bounded time.
 */
final class PeerServer implements AutoCloseable {
  /** How long a peer may take to listen, and to stop. */
  private static final Duration PATIENCE = Duration.ofSeconds(20);

  private final Process process;
  private final int port;

  private PeerServer(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  /**
   * Starts {@code command} and waits until a TCP connection to 127.0.0.1:{@code port} succeeds.
   *
   * @throws AssertionError if the process exits first or the port does not open in time, with
   *     what the process printed
   */
  static PeerServer start(List<String> command, int port) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    while (System.nanoTime() < deadline && process.isAlive()) {
      try (Socket probe = new Socket()) {
        probe.connect(new InetSocketAddress("127.0.0.1", port), 1000);
        return new PeerServer(process, port);
      } catch (IOException notYet) {
        process.waitFor(50, TimeUnit.MILLISECONDS);
      }
    }
    process.destroyForcibly().waitFor(PATIENCE.toSeconds(), TimeUnit.SECONDS);
    throw new AssertionError(command.getFirst() + " did not listen on port " + port + ": "
        + new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
  }

  /**
   * Starts {@code command}, reads the line {@code port N} it prints once it listens, and returns
   * it running on that port.
   */
  static PeerServer startPrintingPort(List<String> command) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    StringBuilder said = new StringBuilder();
    int c;
    while ((c = process.getInputStream().read()) >= 0 && c != '\n') {
      said.append((char) c);
    }
    if (!said.toString().startsWith("port ")) {
      process.destroyForcibly().waitFor(PATIENCE.toSeconds(), TimeUnit.SECONDS);
      throw new AssertionError(command + " said " + said
          + new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }
    Thread.ofPlatform().daemon().start(() -> drain(process));
    return new PeerServer(process, Integer.parseInt(said.substring("port ".length()).strip()));
  }

  private static void drain(Process process) {
    try {
      process.getInputStream().transferTo(OutputStream.nullOutputStream());
    } catch (IOException ended) {
      // the process is gone
    }
  }

  /** Returns a free TCP port of 127.0.0.1 for a peer to listen on. */
  static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Returns the base URI of the peer, such as {@code http://127.0.0.1:8080}. */
  String base() {
    return "http://127.0.0.1:" + port;
  }

  /** Returns the origin the pool keeps the peer's connections under. */
  Origin origin() {
    return new Origin("http", "127.0.0.1", port);
  }

  /** Stops the process (SIGTERM, then SIGKILL), and then whatever processes it had started. */
  @Override
  public void close() throws InterruptedException {
    List<ProcessHandle> children = process.descendants().toList();
    process.destroy();
    if (!process.waitFor(PATIENCE.toSeconds(), TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(PATIENCE.toSeconds(), TimeUnit.SECONDS);
    }
    for (ProcessHandle child : children) {
      child.destroyForcibly();
    }
    assertThat(process.isAlive()).as("the peer %s stopped", process.pid()).isFalse();
  }
}
