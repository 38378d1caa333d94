package dev.twine.testing;

import dev.twine.defer.Failure;
import dev.twine.internet.ConnectionAborted;
import dev.twine.internet.ConnectionDone;
import dev.twine.internet.ConnectionLost;
import dev.twine.internet.HalfCloseableProtocol;

/**
 * Moves the bytes of a {@link Loopback} connection between its two ends, one step at a time, when
 * the test says so (Twisted's {@code iosim.IOPump}).
 *
 * <p>One {@link #pump} delivers what the server has written to the client and what the client has
 * written to the server, each as one {@code dataReceived}, then carries out at most one pending
 * end of the connection:
 *
 * <ul>
 *   <li>{@code loseConnection}, once everything that side wrote has been delivered and its producer
 *       unregistered: both protocols get {@link ConnectionDone}, that side first;
 *   <li>{@code abortConnection}, at once, dropping what is queued: that side gets
 *       {@link ConnectionAborted}, the other {@link ConnectionLost};
 *   <li>{@code loseWriteConnection}, once that side's data has been delivered: it gets
 *       {@code writeConnectionLost}, and in a later step the other side learns the stream ended: a
 *       {@link HalfCloseableProtocol} gets {@code readConnectionLost} and may go on writing, any
 *       other protocol ends the connection with {@link ConnectionDone} for both. A side whose
 *       reading and writing have both been closed ends the connection the same way once the other has
 *       heard the end of its stream.
 * </ul>
 *
 * <p>Nothing is delivered to a side whose transport is paused ({@code pauseProducing}), neither
 * data nor the end of the stream, until it resumes.
 *
 * <p>Threading: the test's thread. Exceptions thrown by the protocols propagate out of
 * {@link #pump} and {@link #flush}.
 */
public final class Pump {
  private static final int MAX_FLUSH_STEPS = 10_000;

  private final LoopbackTransport server;
  private final LoopbackTransport client;
  private boolean closed;

  Pump(LoopbackTransport server, LoopbackTransport client) {
    this.server = server;
    this.client = client;
  }

  /** Takes one step as described above; returns whether anything was delivered or closed. */
  public boolean pump() {
    if (closed) {
      return false;
    }
    if (server.aborting() || client.aborting()) {
      abort();
      return true;
    }
    boolean moved = deliver(server, client);
    moved |= deliver(client, server);
    if (server.aborting() || client.aborting()) {
      return moved;
    }
    return endOne(server, client) || endOne(client, server) || moved;
  }

  /**
   * Pumps until a step moves nothing; returns whether anything moved.
   *
   * @throws IllegalStateException if the protocols are still busy after 10,000 steps, as when
   *     they answer each other forever
   */
  public boolean flush() {
    for (int step = 0; step < MAX_FLUSH_STEPS; step++) {
      if (!pump()) {
        return step > 0;
      }
    }
    throw new IllegalStateException(
        "the connection was still busy after " + MAX_FLUSH_STEPS
            + " pumps: do the protocols answer each other forever?");
  }

  /** Returns the number of bytes the client has written that the server has not received yet. */
  public long pendingToServer() {
    return client.pending();
  }

  /** Returns the number of bytes the server has written that the client has not received yet. */
  public long pendingToClient() {
    return server.pending();
  }

  /** Returns whether the connection has ended: both protocols got {@code connectionLost}. */
  public boolean closed() {
    return closed;
  }

  private boolean deliver(LoopbackTransport from, LoopbackTransport to) {
    if (from.pending() == 0 || !to.receiving() || from.aborting()) {
      return false;
    }
    to.protocol().dataReceived(from.takeOutgoing());
    from.drained();
    return true;
  }

  /** Carries out a pending close or half-close of {@code side}; returns whether it did. */
  private boolean endOne(LoopbackTransport side, LoopbackTransport other) {
    if (side.readyToClose()) {
      end(side, other);
      return true;
    }
    if (side.readyToCloseWrite()) {
      side.closeWrite();
      return true;
    }
    if (side.writeClosed() && other.receiving()) {
      if (other.protocol() instanceof HalfCloseableProtocol halfCloseable) {
        other.closeRead(halfCloseable);
      } else {
        end(other, side);
      }
      return true;
    }
    if (side.readClosed() && other.readClosed()) {
      end(side, other);
      return true;
    }
    return false;
  }

  private void end(LoopbackTransport first, LoopbackTransport second) {
    closed = true;
    first.lose(Failure.of(new ConnectionDone("connection was closed cleanly")));
    second.lose(Failure.of(new ConnectionDone("connection was closed cleanly")));
  }

  private void abort() {
    closed = true;
    LoopbackTransport first = server.aborting() ? server : client;
    LoopbackTransport second = first == server ? client : server;
    first.lose(Failure.of(new ConnectionAborted("connection was aborted", null)));
    second.lose(Failure.of(second.aborting()
        ? new ConnectionAborted("connection was aborted", null)
        : new ConnectionLost("the peer aborted the connection", null)));
  }
}
