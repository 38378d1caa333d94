package dev.twine.internet;

import java.nio.file.Path;
import java.time.Duration;

/** Listening for and making UNIX domain socket connections (Twisted's {@code IReactorUNIX}). */
public interface ReactorUnix {

  /**
   * Listens on the socket file {@code path}, created with permission bits {@code mode} (such as
   * {@code 0666}). With {@code lockfile}, a {@code path.lock} file guards the socket: a stale
   * socket left by a dead process is replaced, one in use by a live process is not.
   *
   * @throws CannotListen if the socket cannot be created
   */
  ListeningPort listenUnix(Path path, Factory factory, int backlog, int mode, boolean lockfile);

  /** Connects to the socket file {@code path} within {@code timeout}. */
  Connector connectUnix(Path path, ClientFactory factory, Duration timeout);
}
