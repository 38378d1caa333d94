package dev.twine.internet.nio;

import dev.twine.internet.Address;
import dev.twine.internet.ClientFactory;
import dev.twine.internet.ConnectError;
import dev.twine.internet.ConnectionClosed;
import dev.twine.internet.ConnectionDone;
import dev.twine.internet.Connector;
import dev.twine.internet.Factory;
import dev.twine.internet.ListeningPort;
import dev.twine.internet.UnixAddress;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The stream transport contract over UNIX domain sockets in a temporary directory. */
class UnixTransportTest extends StreamTransportContract {
  @TempDir
  Path directory;
  private int sockets;

  @Override
  ListeningPort listen(Factory factory) {
    return reactor.listenUnix(directory.resolve("socket-" + sockets++), factory, BACKLOG, 0600, false);
  }

  @Override
  ListeningPort listenOn(Address address, Factory factory) {
    return reactor.listenUnix(Path.of(((UnixAddress) address).path()), factory, BACKLOG, 0600, false);
  }

  @Override
  Connector connect(Address address, ClientFactory factory) {
    return reactor.connectUnix(Path.of(((UnixAddress) address).path()), factory, RunningReactor.PATIENCE);
  }

  /** A UNIX socket has no reset: its peer sees the stream end. */
  @Override
  Class<? extends ConnectionClosed> peerReasonWhenAborted() {
    return ConnectionDone.class;
  }

  @Override
  Class<? extends ConnectError> refusedWhenNothingListens() {
    return ConnectError.class;
  }
}
