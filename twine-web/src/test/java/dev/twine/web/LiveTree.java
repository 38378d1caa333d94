package dev.twine.web;

import dev.twine.bytes.Bytes;
import dev.twine.internet.PushProducer;
import dev.twine.web.http.HttpMethod;

/** The resources the end-to-end tests ask real clients to use. */
final class LiveTree {
  /** The size of {@code /big}: far more than a socket buffer holds. */
  static final int BIG = 8 * 1024 * 1024;

  private LiveTree() {}

  /**
   * Returns a root with {@code /hello} (text), {@code /echo} (POST or PUT: the body back, with
   * its length in {@code X-Received}), {@code /stream} (three chunks) and {@code /big} (8 MiB
   * of {@code x} from a push producer).
   */
  static Resource root() {
    Resource root = new Resource();
    root.putChild("hello", new Resource().on(HttpMethod.GET, request -> {
      request.setHeader("Content-Type", "text/plain");
      return Rendered.body("Hello!");
    }));
    Renderer echo = request -> Rendered.later(request.content().map(body -> {
      request.setHeader("X-Received", Integer.toString(body.size()));
      return body;
    }));
    root.putChild("echo", new Resource().on(HttpMethod.POST, echo).on(HttpMethod.PUT, echo));
    root.putChild("stream", new Resource().on(HttpMethod.GET, request -> {
      request.write(Bytes.ascii("one "));
      request.write(Bytes.ascii("two "));
      request.write(Bytes.ascii("three"));
      request.finish();
      return Rendered.streaming();
    }));
    root.putChild("big", new Resource().on(HttpMethod.GET, request -> {
      request.setHeader("Content-Length", Integer.toString(BIG));
      request.registerProducer(new Filler(request), true);
      return Rendered.streaming();
    }));
    return root;
  }

  /** Writes {@link #BIG} bytes in 16 KiB pieces for as long as it is not paused. */
  private static final class Filler implements PushProducer {
    private static final Bytes PIECE = Bytes.ascii("x".repeat(16 * 1024));
    private final Request request;
    private int written;
    private boolean paused;

    Filler(Request request) {
      this.request = request;
    }

    @Override
    public void pauseProducing() {
      paused = true;
    }

    @Override
    public void resumeProducing() {
      paused = false;
      while (!paused && written < BIG) {
        request.write(PIECE);
        written += PIECE.size();
      }
      if (written == BIG && !request.finished()) {
        request.unregisterProducer();
        request.finish();
      }
    }

    @Override
    public void stopProducing() {
      paused = true;
    }
  }
}
