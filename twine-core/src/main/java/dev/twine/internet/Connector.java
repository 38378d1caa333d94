package dev.twine.internet;

/**
 * One outgoing connection and its attempts (Twisted's {@code IConnector}): it can stop an attempt,
 * drop the connection, or try again.
 *
 * <p>Threading: use on the reactor's thread.
 */
public interface Connector {

  /** Where it connects to. */
  Address destination();

  /** Returns the state: connecting, connected or disconnected. */
  State state();

  /**
   * Abandons the attempt in progress: the factory gets {@code clientConnectionFailed} with a
   * {@code ConnectError} caused by a {@code dev.twine.defer.CancelledException}.
   *
   * @throws IllegalStateException if it is not connecting
   */
  void stopConnecting();

  /** Stops connecting, or closes the connection ({@code loseConnection}); otherwise nothing. */
  void disconnect();

  /**
   * Starts a new attempt with the same factory, typically from {@code clientConnectionLost} or
   * {@code clientConnectionFailed}.
   *
   * @throws IllegalStateException if it is not disconnected
   */
  void connect();

  /** The state of a {@link Connector}. */
  enum State {
    CONNECTING,
    CONNECTED,
    DISCONNECTED
  }
}
