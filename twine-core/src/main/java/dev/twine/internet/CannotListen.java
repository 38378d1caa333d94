package dev.twine.internet;

/**
 * A port could not be opened for listening: the address is in use, not local, or not permitted
 * (Twisted's {@code CannotListenError}). The message names the address and the reason.
 */
public final class CannotListen extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Creates one for {@code address} with the JDK's reason. */
  public CannotListen(String address, Throwable cause) {
    super("cannot listen on " + address + ": " + cause.getMessage(), cause);
  }
}
