package dev.twine.internet.endpoints;

import dev.twine.defer.Deferred;
import dev.twine.internet.Connector;
import dev.twine.internet.Factory;
import dev.twine.internet.Protocol;
import dev.twine.internet.ReactorUnix;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Connecting to a UNIX domain socket: {@code unix:path=PATH:timeout=SECONDS}.
 *
 * @param reactor the reactor that connects
 * @param path the socket file
 * @param timeout how long the attempt may take
 */
public record UnixClientEndpoint(ReactorUnix reactor, Path path, Duration timeout)
    implements StreamClientEndpoint {

  /** Validates the values. */
  public UnixClientEndpoint {
    Objects.requireNonNull(reactor, "reactor");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(timeout, "timeout");
  }

  @Override
  public Deferred<Protocol> connect(Factory factory) {
    Connector[] connector = new Connector[1];
    Deferred<Protocol> connected = new Deferred<>(d -> connector[0].disconnect());
    connector[0] = reactor.connectUnix(path, new ConnectingFactory(factory, connected), timeout);
    return connected;
  }
}
