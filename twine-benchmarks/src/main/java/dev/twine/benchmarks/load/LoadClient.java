package dev.twine.benchmarks.load;

/**
 * One HTTP client library driving load: {@link #start} opens connections and keeps a number of
 * GET requests in flight, each followed by the next as soon as it completes, until the stats say
 * to stop; results and failures go to the {@link LoadStats} it was made with.
 */
interface LoadClient extends AutoCloseable {

  /**
   * Starts {@code concurrency} request loops; returns at once, the loops run on the client's own
   * event-loop thread.
   */
  void start(int concurrency);

  /** Closes the connections and stops the client's threads, waiting a bounded time. */
  @Override
  void close() throws Exception;

  /** Returns the client named {@code name} ({@code twine}, {@code netty} or {@code vertx}). */
  static LoadClient named(String name, Target target, LoadStats stats) {
    return switch (name) {
      case "twine" -> new TwineLoadClient(target, stats);
      case "netty" -> new NettyLoadClient(target, stats);
      case "vertx" -> new VertxLoadClient(target, stats);
      default -> throw new IllegalArgumentException(
          "--client must be twine, netty or vertx, not \"" + name + "\"");
    };
  }

  /** Where the requests go. */
  record Target(String host, int port, String path) {
    /** Returns the URI of the requests. */
    String uri() {
      return "http://" + host + ":" + port + path;
    }
  }
}
