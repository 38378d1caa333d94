package dev.twine.internet;

/**
 * A transport over a stream socket (TCP or UNIX): it can also close its writing half and set the
 * socket's options (Twisted's {@code ITCPTransport}).
 */
public interface StreamTransport extends Transport {

  /**
   * Shuts down the writing half once everything queued has been written; reading goes on. A
   * {@link HalfCloseableProtocol} then gets {@code writeConnectionLost}.
   */
  void loseWriteConnection();

  /** Returns whether Nagle's algorithm is off (on by default: Twine sets TCP_NODELAY). */
  boolean noDelay();

  /** Turns Nagle's algorithm off ({@code true}) or on; ignored on UNIX sockets. */
  void setNoDelay(boolean noDelay);

  /** Returns whether TCP keep-alive probes are on. */
  boolean keepAlive();

  /** Turns TCP keep-alive probes on or off; ignored on UNIX sockets. */
  void setKeepAlive(boolean keepAlive);
}
