package dev.twine.internet;

/**
 * Joining a multicast group failed: the kernel refused it, for example because the interface has
 * no multicast support or the host is in too many groups (Twisted's {@code MulticastJoinError}).
 * The message names the group, the interface and the reason.
 */
public final class MulticastJoinError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Creates one for {@code group} on {@code networkInterface} with the kernel's reason. */
  public MulticastJoinError(String group, String networkInterface, Throwable cause) {
    super("cannot join multicast group " + group + " on " + networkInterface + ": " + cause.getMessage(), cause);
  }
}
