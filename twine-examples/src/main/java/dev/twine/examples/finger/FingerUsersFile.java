package dev.twine.examples.finger;

import dev.twine.defer.Deferred;
import dev.twine.examples.finger.FingerDeferred.FingerService;
import dev.twine.internet.ReactorThreads;
import dev.twine.internet.Threads;
import dev.twine.internet.endpoints.Endpoints;
import dev.twine.internet.nio.NioReactor;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finger with the users in a file, one {@code user:status} a line (like the tutorial's
 * {@code /etc/users}): the file is read on another thread for each query, so a slow disk never
 * holds the reactor, and {@code getUser} returns a {@link Deferred}. The protocol is
 * {@link FingerDeferred}'s, unchanged; if the file cannot be read, the client is told "Internal
 * error in server".
 *
 * <pre>{@code
 * printf 'moshez:Happy and well\n' > users.txt
 * java dev.twine.examples.finger.FingerUsersFile users.txt tcp:1079
 * }</pre>
 */
public final class FingerUsersFile implements FingerService {
  private final ReactorThreads reactor;
  private final Path file;

  /** Creates a service that reads {@code file} on {@code reactor}'s threads. */
  public FingerUsersFile(ReactorThreads reactor, Path file) {
    this.reactor = reactor;
    this.file = file;
  }

  @Override
  public Deferred<String> getUser(String user) {
    return Threads.deferToThread(reactor, () -> {
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        int colon = line.indexOf(':');
        if (colon > 0 && line.substring(0, colon).equals(user)) {
          return line.substring(colon + 1).strip();
        }
      }
      return "No such user";
    });
  }

  /** Serves the users of the file named by the first argument on the second, {@code tcp:1079} by default. */
  public static void main(String[] args) {
    if (args.length < 1) {
      System.err.println("usage: FingerUsersFile USERS_FILE [ENDPOINT]");
      System.exit(2);
    }
    Path file = Path.of(args[0]);
    String endpoint = args.length > 1 ? args[1] : "tcp:1079";
    System.exit(NioReactor.react(reactor -> Endpoints.server(reactor, endpoint)
        .listen(FingerDeferred.factory(new FingerUsersFile(reactor, file)))
        .flatMap(port -> new Deferred<Void>())));
  }
}
