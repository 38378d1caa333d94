package dev.twine.examples.echo;

import dev.twine.bytes.Bytes;
import dev.twine.defer.Deferred;
import dev.twine.internet.Factory;
import dev.twine.internet.Protocol;
import dev.twine.internet.endpoints.Endpoints;
import dev.twine.internet.nio.NioReactor;

/**
 * An echo server: every byte a client sends comes back to it (Twisted's {@code echoserv.py}).
 *
 * <pre>{@code
 * java dev.twine.examples.echo.EchoServer tcp:8000
 * }</pre>
 */
public final class EchoServer {
  private EchoServer() {}

  /** Writes back what it receives, as it receives it. */
  public static final class Echo extends Protocol {
    @Override
    public void dataReceived(Bytes data) {
      transport().write(data);
    }
  }

  /** Listens on the endpoint given as the first argument, {@code tcp:8000} by default, until killed. */
  public static void main(String[] args) {
    String endpoint = args.length > 0 ? args[0] : "tcp:8000";
    System.exit(NioReactor.react(reactor -> Endpoints.server(reactor, endpoint)
        .listen(Factory.forProtocol(Echo::new))
        .flatMap(port -> {
          System.out.println("echo server listening on " + port.address());
          return new Deferred<Void>();   // never fires: serve until the process is killed
        })));
  }
}
