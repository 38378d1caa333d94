package dev.twine.internet.nio;

import static dev.twine.internet.nio.RunningReactor.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.twine.bytes.Bytes;
import dev.twine.internet.CannotListen;
import dev.twine.internet.ClientFactory;
import dev.twine.internet.Factory;
import dev.twine.internet.ListeningPort;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The file of a listening UNIX socket: its mode, its removal, and the lock file that guards it. */
@Timeout(10)
class UnixSocketFileTest {
  /** Beyond any Linux pid_max, so no process has it. */
  private static final String DEAD_PID = "999999999";

  @TempDir
  Path directory;
  private final RunningReactor running = new RunningReactor();

  @AfterEach
  void stop() {
    running.close();
  }

  private ListeningPort listen(Path path, int mode, boolean lockfile) {
    return running.call(() ->
        running.reactor.listenUnix(path, Factory.forProtocol(StreamTransportContract.Echo::new), 50, mode, lockfile));
  }

  private static Path lockOf(Path socket) {
    return socket.resolveSibling(socket.getFileName() + ".lock");
  }

  /** Leaves a socket file behind, as a process that died while listening does. */
  private static void staleSocket(Path path) throws IOException {
    try (ServerSocketChannel dead = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
      dead.bind(UnixDomainSocketAddress.of(path));
    }
  }

  private void assertEchoes(Path path) {
    Recorder client = new Recorder() {
      @Override
      public void connectionMade() {
        super.connectionMade();
        transport().write(Bytes.utf8("anyone?"));
      }
    };
    running.run(() -> running.reactor.connectUnix(path, ClientFactory.forProtocol(() -> client), Duration.ofSeconds(5)));
    assertThat(await(client.receivedAtLeast(7)).utf8()).isEqualTo("anyone?");
  }

  @Test
  void theSocketFileGetsItsModeAndIsRemovedWhenListeningStops() throws IOException {
    Path path = directory.resolve("app.sock");
    ListeningPort port = listen(path, 0640, false);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(path))).isEqualTo("rw-r-----");
    Path other = directory.resolve("other.sock");
    listen(other, 0606, false);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(other))).isEqualTo("rw----rw-");

    running.run(port::stopListening);

    assertThat(path).doesNotExist();
  }

  @Test
  void aStaleSocketFileIsInTheWayWithoutALockFile() throws IOException {
    Path path = directory.resolve("app.sock");
    staleSocket(path);
    assertThatThrownBy(() -> listen(path, 0600, false)).isInstanceOf(CannotListen.class)
        .hasMessageContaining(path.toString());
    assertThat(path).exists();
  }

  @Test
  void aSocketFileWithoutALockIsNotReplacedAndTheNewLockIsReleased() throws IOException {
    Path path = directory.resolve("app.sock");
    staleSocket(path);
    assertThatThrownBy(() -> listen(path, 0600, true)).isInstanceOf(CannotListen.class);
    assertThat(path).exists();
    assertThat(lockOf(path)).doesNotExist();
  }

  @Test
  void aLockFileOfADeadProcessLetsItsStaleSocketBeReplaced() throws IOException {
    Path path = directory.resolve("app.sock");
    staleSocket(path);
    Files.writeString(lockOf(path), DEAD_PID);

    ListeningPort port = listen(path, 0600, true);

    assertEchoes(path);
    assertThat(lockOf(path)).hasContent(Long.toString(ProcessHandle.current().pid()));
    running.run(port::stopListening);
    assertThat(path).doesNotExist();
    assertThat(lockOf(path)).doesNotExist();
  }

  @Test
  void aLockFileOfALiveProcessKeepsItsSocket() throws IOException {
    Path path = directory.resolve("app.sock");
    listen(path, 0600, true);

    assertThatThrownBy(() -> listen(path, 0600, true)).isInstanceOf(CannotListen.class)
        .hasMessageContaining("in use by process " + ProcessHandle.current().pid());
    assertThat(path).exists();
    assertEchoes(path);
  }
}
