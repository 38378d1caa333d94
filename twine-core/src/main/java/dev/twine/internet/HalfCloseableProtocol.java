package dev.twine.internet;

/**
 * A protocol that wants to know when one direction of its connection closes while the other stays
 * open (Twisted's {@code IHalfCloseableProtocol}). Protocols that do not implement it see the
 * connection end as soon as the peer stops sending.
 */
public interface HalfCloseableProtocol {

  /**
   * Called when the peer has finished sending (it half-closed, or this side paused reading and the
   * peer closed); the protocol may still write, then call {@link Transport#loseConnection}.
   */
  void readConnectionLost();

  /** Called when this side's writing has shut down after {@link StreamTransport#loseWriteConnection}. */
  default void writeConnectionLost() {}
}
