package dev.twine.examples.finger;

import dev.twine.bytes.Bytes;
import dev.twine.defer.Deferred;
import dev.twine.internet.Factory;
import dev.twine.internet.endpoints.Endpoints;
import dev.twine.internet.nio.NioReactor;
import dev.twine.protocols.LineReceiver;

/**
 * Finger, "Read Username, Output Error, Drop Connections" (Twisted's {@code finger05.py}): reads
 * the user name the client asks for, answers that there is no such user, and hangs up.
 *
 * <pre>{@code
 * java dev.twine.examples.finger.FingerNoSuchUser tcp:1079
 * finger -l moshez@localhost:1079     # or: telnet localhost 1079
 * }</pre>
 */
public final class FingerNoSuchUser {
  private FingerNoSuchUser() {}

  /** Answers every query with the same error. */
  public static final class FingerProtocol extends LineReceiver {
    @Override
    protected void lineReceived(Bytes user) {
      transport().write(Bytes.ascii("No such user\r\n"));
      transport().loseConnection();
    }
  }

  /** Listens on the endpoint given as the first argument, {@code tcp:1079} by default. */
  public static void main(String[] args) {
    String endpoint = args.length > 0 ? args[0] : "tcp:1079";
    System.exit(NioReactor.react(reactor -> Endpoints.server(reactor, endpoint)
        .listen(Factory.forProtocol(FingerProtocol::new))
        .flatMap(port -> new Deferred<Void>())));
  }
}
