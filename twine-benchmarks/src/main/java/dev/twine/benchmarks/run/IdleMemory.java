package dev.twine.benchmarks.run;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Memory per idle connection: the growth of a warmed-up server's resident set (VmRSS of the
 * server and its descendants) while the orchestrator opens {@code connections} HTTP keep-alive
 * connections that each make one {@code GET /plaintext} and then stay idle, divided by their
 * number. Fewer connections are opened, with a note, when the open-file limit is too low for them.
 *
 * <p>Every peer is first brought to a steady state with the same traffic: {@value
 * #WARMUP_MILLIS} ms of requests for {@code /plaintext} over {@value #WARMUP_CONNECTIONS}
 * keep-alive connections, which are then closed, and {@value #REST_MILLIS} ms of rest. That is
 * long enough for a JVM to fill and recycle its young generation several times, so the baseline
 * read after it holds the heap (and the allocator's arenas) a server touches to serve at all,
 * and the growth is what the idle connections keep rather than the garbage of
 * their first request. The growth is read {@value #SETTLE_MILLIS} ms after the last answer; a
 * second reading {@value #LATE_MILLIS} ms after it is in the details ({@code rss_late_kib}).
 *
 * <p>For a server on a JVM, the live heap the connections keep is read too ({@code
 * heap_bytes_per_conn}, see {@link LiveHeap}): the live heap with the connections open, then
 * again {@value #SETTLE_MILLIS} ms after they are closed, the difference divided by their number.
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
  private static final long WARMUP_MILLIS = 3000;
  private static final int WARMUP_CONNECTIONS = 16;
  private static final long REST_MILLIS = 2000;
  private static final long SETTLE_MILLIS = 1000;
  private static final long LATE_MILLIS = 3000;

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
      long ready = rss(server);
      warmUp(port, open);
      Thread.sleep(REST_MILLIS);
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
      Thread.sleep(SETTLE_MILLIS);
      long after = rss(server);
      Thread.sleep(LATE_MILLIS - SETTLE_MILLIS);
      long late = rss(server);
      Map<String, Object> details = new LinkedHashMap<>();
      details.put("connections", (double) count);
      details.put("rss_ready_kib", ready / 1024.0);
      details.put("rss_before_kib", before / 1024.0);
      details.put("rss_after_kib", after / 1024.0);
      details.put("rss_late_kib", late / 1024.0);
      details.put("late_bytes_per_conn", Math.max(0, late - before) / (double) count);
      Optional<ProcessHandle> jvm = LiveHeap.jvm(server);
      if (jvm.isPresent()) {
        long withConnections = LiveHeap.bytes(jvm.get(), session.log(cellName + "-heap-open"));
        closeAll(open);
        Thread.sleep(SETTLE_MILLIS);
        long without = LiveHeap.bytes(jvm.get(), session.log(cellName + "-heap-closed"));
        details.put("heap_bytes_per_conn", Math.max(0, withConnections - without) / (double) count);
      }
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

  /**
   * Sends requests for {@value #WARMUP_MILLIS} ms from {@value #WARMUP_CONNECTIONS} clients at
   * once, each request after the previous answer, then closes the connections.
   */
  private static void warmUp(int port, List<SocketChannel> open)
      throws CellException, InterruptedException {
    long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(WARMUP_MILLIS);
    try (ExecutorService clients = Executors.newFixedThreadPool(WARMUP_CONNECTIONS)) {
      List<Future<Integer>> statuses = new ArrayList<>();
      for (int c = 0; c < WARMUP_CONNECTIONS; c++) {
        statuses.add(clients.submit(() -> requestUntil(end, port, open)));
      }
      for (Future<Integer> status : statuses) {
        if (status.get() != 200) {
          throw CellException.failed("a warm-up request was answered with " + status.get());
        }
      }
    } catch (ExecutionException e) {
      throw CellException.failed("the warm-up failed (or took over " + LIMIT_SECONDS + " s in all): "
          + e.getCause());
    }
  }

  /**
   * Makes requests one after another until {@code end} (a nano time), on a new keep-alive
   * connection whenever the server closes one (servers end a connection after some number of
   * requests); returns 200, or the first other status.
   *
   * @throws IOException if a connection fails before its first answer
   */
  private static int requestUntil(long end, int port, List<SocketChannel> open) throws IOException {
    while (System.nanoTime() - end < 0) {
      try (SocketChannel channel = SocketChannel.open()) {
        synchronized (open) {
          open.add(channel);
        }
        channel.connect(new InetSocketAddress(Session.HOST, port));
        InputStream in = Channels.newInputStream(channel);
        OutputStream out = Channels.newOutputStream(channel);
        for (int served = 0; System.nanoTime() - end < 0; served++) {
          int status;
          try {
            status = HttpExchange.get(in, out, "/plaintext");
          } catch (IOException closed) {
            if (served == 0) {
              throw closed;
            }
            break;
          }
          if (status != 200) {
            return status;
          }
        }
      }
    }
    return 200;
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
