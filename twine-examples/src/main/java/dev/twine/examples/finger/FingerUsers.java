package dev.twine.examples.finger;

import dev.twine.bytes.Bytes;
import dev.twine.defer.Deferred;
import dev.twine.internet.Address;
import dev.twine.internet.Factory;
import dev.twine.internet.Protocol;
import dev.twine.internet.endpoints.Endpoints;
import dev.twine.internet.nio.NioReactor;
import dev.twine.protocols.LineReceiver;
import java.util.Map;

/**
 * Finger, "Output From Empty Factory" and "Output from Non-empty Factory" (Twisted's
 * {@code finger06.py} and {@code finger07.py}): the factory holds the users, and each
 * connection's protocol asks it about the user the client names.
 *
 * <pre>{@code
 * java dev.twine.examples.finger.FingerUsers tcp:1079
 * }</pre>
 */
public final class FingerUsers {
  private FingerUsers() {}

  /** Knows every user's status; an empty map is the tutorial's "empty factory". */
  public static final class FingerFactory implements Factory {
    private final Map<String, String> users;

    public FingerFactory(Map<String, String> users) {
      this.users = Map.copyOf(users);
    }

    /** Returns what to answer about {@code user}. */
    public String getUser(String user) {
      return users.getOrDefault(user, "No such user");
    }

    @Override
    public Protocol buildProtocol(Address address) {
      return new FingerProtocol(this);
    }
  }

  /** Answers one query with what its factory knows, then hangs up. */
  public static final class FingerProtocol extends LineReceiver {
    private final FingerFactory factory;

    FingerProtocol(FingerFactory factory) {
      this.factory = factory;
    }

    @Override
    protected void lineReceived(Bytes user) {
      transport().write(Bytes.utf8(factory.getUser(user.utf8()) + "\r\n"));
      transport().loseConnection();
    }
  }

  /** Listens on the endpoint given as the first argument, {@code tcp:1079} by default. */
  public static void main(String[] args) {
    String endpoint = args.length > 0 ? args[0] : "tcp:1079";
    FingerFactory users = new FingerFactory(Map.of("moshez", "Happy and well"));
    System.exit(NioReactor.react(reactor -> Endpoints.server(reactor, endpoint)
        .listen(users)
        .flatMap(port -> new Deferred<Void>())));
  }
}
