package dev.twine.internet.tls;

import dev.twine.bytes.Bytes;
import dev.twine.defer.Failure;
import dev.twine.internet.Address;
import dev.twine.internet.AddressType;
import dev.twine.internet.ConnectionAborted;
import dev.twine.internet.ConnectionDone;
import dev.twine.internet.ConnectionLost;
import dev.twine.internet.IPv4Address;
import dev.twine.internet.Producer;
import dev.twine.internet.Protocol;
import dev.twine.internet.Transport;
import java.util.ArrayDeque;
import java.util.function.Function;

/**
 * Two protocols joined in memory, with no socket and no reactor: what one side writes waits until
 * {@link #pump} hands it to the other, split into pieces by a chunker (whole, byte by byte, ...).
 * Enough to run the TLS layer deterministically, with a {@code Clock} for its time.
 */
final class MemoryPipe {
  final End client = new End(new IPv4Address(AddressType.TCP, "10.0.0.1", 40000));
  final End server = new End(new IPv4Address(AddressType.TCP, "10.0.0.2", 443));
  private final Function<byte[], java.util.List<byte[]>> chunker;

  MemoryPipe(Function<byte[], java.util.List<byte[]>> chunker) {
    this.chunker = chunker;
  }

  /** Connects both protocols, the server first. */
  void connect(Protocol clientProtocol, Protocol serverProtocol) {
    server.protocol = serverProtocol;
    client.protocol = clientProtocol;
    serverProtocol.makeConnection(server);
    clientProtocol.makeConnection(client);
  }

  /** Delivers what each side wrote to the other, and closes, until nothing moves. */
  void pump() {
    boolean moved = true;
    while (moved) {
      moved = client.deliverTo(server) | server.deliverTo(client);
    }
  }

  /** One side's transport. */
  final class End implements Transport {
    private final Address address;
    private final ArrayDeque<Bytes> outgoing = new ArrayDeque<>();
    private Protocol protocol;
    private boolean closing;
    private boolean closed;
    private boolean readPaused;
    private Failure reason;

    End(Address address) {
      this.address = address;
    }

    boolean closed() {
      return closed;
    }

    private End other() {
      return this == client ? server : client;
    }

    @Override
    public void write(Bytes data) {
      if (!closed && !closing) {
        outgoing.add(data);
      }
    }

    @Override
    public void loseConnection() {
      closing = true;
    }

    @Override
    public void abortConnection() {
      outgoing.clear();
      close(Failure.of(new ConnectionAborted("aborted", null)), Failure.of(new ConnectionLost("reset", null)));
    }

    @Override
    public Address peer() {
      return other().address;
    }

    @Override
    public Address host() {
      return address;
    }

    @Override
    public void registerProducer(Producer producer, boolean streaming) {}

    @Override
    public void unregisterProducer() {}

    @Override
    public void pauseProducing() {
      readPaused = true;
    }

    @Override
    public void resumeProducing() {
      readPaused = false;
    }

    @Override
    public void stopProducing() {
      loseConnection();
    }

    /** Hands the first queued write to {@code to}; carries out a close once all is delivered. */
    private boolean deliverTo(End to) {
      if (closed) {
        return false;
      }
      if (!outgoing.isEmpty() && !to.readPaused) {
        for (byte[] chunk : chunker.apply(outgoing.poll().toByteArray())) {
          to.protocol.dataReceived(Bytes.wrap(chunk));
        }
        return true;
      }
      if (outgoing.isEmpty() && closing) {
        Failure done = Failure.of(new ConnectionDone("closed"));
        close(done, done);
        return true;
      }
      return false;
    }

    private void close(Failure mine, Failure theirs) {
      if (closed) {
        return;
      }
      closed = true;
      reason = mine;
      End peer = other();
      if (!peer.closed) {
        peer.closed = true;
        peer.reason = theirs;
        peer.protocol.connectionLost(theirs);
      }
      protocol.connectionLost(mine);
    }

    Failure reason() {
      return reason;
    }
  }
}
