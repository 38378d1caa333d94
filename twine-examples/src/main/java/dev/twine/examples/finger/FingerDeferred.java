package dev.twine.examples.finger;

import dev.twine.bytes.Bytes;
import dev.twine.defer.Deferred;
import dev.twine.internet.Factory;
import dev.twine.internet.endpoints.Endpoints;
import dev.twine.internet.nio.NioReactor;
import dev.twine.protocols.LineReceiver;
import java.util.Map;

/**
 * Finger, "Use Deferreds" (Twisted's {@code finger08.py}): looking a user up returns a
 * {@link Deferred}, so the answer may come later, from a file, a database or another server,
 * without the protocol changing. A lookup that fails is answered "Internal error in server".
 *
 * <pre>{@code
 * java dev.twine.examples.finger.FingerDeferred tcp:1079
 * }</pre>
 */
public final class FingerDeferred {
  private FingerDeferred() {}

  /** Where users are looked up: the answer about one user, when it is known. */
  @FunctionalInterface
  public interface FingerService {
    /** Fires with what to answer about {@code user}, or fails if it cannot be known. */
    Deferred<String> getUser(String user);

    /** Returns a service that knows the users of {@code users} at once. */
    static FingerService of(Map<String, String> users) {
      Map<String, String> known = Map.copyOf(users);
      return user -> Deferred.succeed(known.getOrDefault(user, "No such user"));
    }
  }

  /** Returns the factory of a finger server that asks {@code service}. */
  public static Factory factory(FingerService service) {
    return address -> new FingerProtocol(service);
  }

  /** Answers one query once the service has, then hangs up. */
  public static final class FingerProtocol extends LineReceiver {
    private final FingerService service;

    FingerProtocol(FingerService service) {
      this.service = service;
    }

    @Override
    protected void lineReceived(Bytes user) {
      service.getUser(user.utf8())
          .recover(failure -> "Internal error in server")
          .onSuccess(message -> {
            transport().write(Bytes.utf8(message + "\r\n"));
            transport().loseConnection();
          });
    }
  }

  /** Listens on the endpoint given as the first argument, {@code tcp:1079} by default. */
  public static void main(String[] args) {
    String endpoint = args.length > 0 ? args[0] : "tcp:1079";
    FingerService users = FingerService.of(Map.of("moshez", "Happy and well"));
    System.exit(NioReactor.react(reactor -> Endpoints.server(reactor, endpoint)
        .listen(factory(users))
        .flatMap(port -> new Deferred<Void>())));
  }
}
