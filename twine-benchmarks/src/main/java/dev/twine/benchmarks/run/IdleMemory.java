package dev.twine.benchmarks.run;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Memory per idle connection: the growth of the server's resident set (VmRSS of the server and
 * its descendants) while the orchestrator opens {@code connections} HTTP keep-alive connections
 * that each make one {@code GET /plaintext} and then stay idle, divided by their number. Fewer
 * connections are opened, with a note, when the open-file limit is too low for them.
 *
 * <p>The connections come from {@value #PER_ADDRESS} at a time of the loopback addresses
 * 127.0.0.2, 127.0.0.3, ..., as from many clients: a server that limits the connections of one
 * client address (Twine allows 1,024 by default) serves them all.
 *
 * @param connections how many idle connections to open when the limit allows
 */
record IdleMemory(int connections) implements Workload.Measurement {
  private static final Pattern RSS = Pattern.compile("(?m)^VmRSS:\\s+(\\d+) kB");
  private static final Pattern NOFILE = Pattern.compile("(?m)^Max open files\\s+(\\d+)");
  private static final long LIMIT_SECONDS = 120;
  private static final int PER_ADDRESS = 1000;

  @Override
  public Cell.Measured measure(Peer peer, int reactors, Session session, String cellName)
      throws CellException, IOException, InterruptedException {
    long limit = openFileLimit();
    int count = (int) Math.min(connections, limit - 256);
    if (count < 100) {
      throw CellException.unavailable("open-file limit " + limit + " is too low (ulimit -n)");
    }
    int port = session.freePort();
    List<String> command = Servers.command(peer, Service.HTTP, port, reactors, session);
    List<SocketChannel> open = new ArrayList<>();
    ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor();
    try (ServerProcess server = session.startServer(cellName, command, Readiness.HTTP, port, reactors)) {
      watchdog.schedule(() -> closeAll(open), LIMIT_SECONDS, TimeUnit.SECONDS);
      Thread.sleep(1000);
      long before = rss(server);
      for (int i = 0; i < count; i++) {
        SocketChannel channel = SocketChannel.open();
        synchronized (open) {
          open.add(channel);
        }
        int status = exchange(channel, port, i);
        if (status != 200) {
          throw CellException.failed("connection " + (i + 1) + " was answered with " + status);
        }
      }
      Thread.sleep(1000);
      long after = rss(server);
      Map<String, Object> details = new LinkedHashMap<>();
      details.put("connections", (double) count);
      details.put("rss_before_kib", before / 1024.0);
      details.put("rss_after_kib", after / 1024.0);
      if (count < connections) {
        details.put("note", "open-file limit " + limit + ": " + count + " connections instead of "
            + connections);
      }
      return new Cell.Measured(Math.max(0, after - before) / (double) count, "B/conn", details);
    } finally {
      watchdog.shutdownNow();
      closeAll(open);
    }
  }

  private static int exchange(SocketChannel channel, int port, int index) throws CellException {
    try {
      channel.bind(new InetSocketAddress("127.0.0." + (2 + index / PER_ADDRESS), 0));
      channel.connect(new InetSocketAddress(Session.HOST, port));
      return HttpExchange.get(Channels.newInputStream(channel), Channels.newOutputStream(channel),
          "/plaintext");
    } catch (IOException e) {
      throw CellException.failed("connection " + (index + 1) + " failed (or took over "
          + LIMIT_SECONDS + " s in all): " + e);
    }
  }

  /** Returns the resident set of the server and its descendants, in bytes. */
  private static long rss(ServerProcess server) throws CellException {
    long total = 0;
    for (ProcessHandle process : server.processes()) {
      try {
        Matcher m = RSS.matcher(Files.readString(Path.of("/proc", String.valueOf(process.pid()), "status")));
        if (m.find()) {
          total += Long.parseLong(m.group(1)) * 1024;
        }
      } catch (IOException e) {
        throw CellException.failed("cannot read the memory of process " + process.pid() + ": " + e);
      }
    }
    return total;
  }

  private static long openFileLimit() throws IOException {
    Matcher m = NOFILE.matcher(Files.readString(Path.of("/proc/self/limits")));
    return m.find() ? Long.parseLong(m.group(1)) : 1024;
  }

  private static void closeAll(List<SocketChannel> channels) {
    synchronized (channels) {
      for (SocketChannel channel : channels) {
        try {
          channel.close();
        } catch (IOException ignored) {
          // Closing is best effort: the server is stopped next either way.
        }
      }
    }
  }
}
