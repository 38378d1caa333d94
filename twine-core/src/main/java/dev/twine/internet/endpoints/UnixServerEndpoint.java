package dev.twine.internet.endpoints;

import dev.twine.defer.Deferred;
import dev.twine.internet.Factory;
import dev.twine.internet.ListeningPort;
import dev.twine.internet.ReactorUnix;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Listening on a UNIX domain socket: {@code unix:PATH:mode=660:lockfile=1:backlog=N}.
 *
 * @param reactor the reactor that listens
 * @param path the socket file
 * @param backlog the accept backlog
 * @param mode the socket file's permission bits, such as {@code 0666}
 * @param lockfile whether a lock file guards the socket (see {@link ReactorUnix#listenUnix})
 */
public record UnixServerEndpoint(ReactorUnix reactor, Path path, int backlog, int mode, boolean lockfile)
    implements StreamServerEndpoint {

  /** Validates the values. */
  public UnixServerEndpoint {
    Objects.requireNonNull(reactor, "reactor");
    Objects.requireNonNull(path, "path");
    if (backlog < 1) {
      throw new IllegalArgumentException("backlog must be positive: " + backlog);
    }
    if (mode < 0 || mode > 0777) {
      throw new IllegalArgumentException("mode must be 0 to 0777 (octal): " + Integer.toOctalString(mode));
    }
  }

  @Override
  public Deferred<ListeningPort> listen(Factory factory) {
    return Deferred.maybeDeferred(() -> reactor.listenUnix(path, factory, backlog, mode, lockfile));
  }
}
