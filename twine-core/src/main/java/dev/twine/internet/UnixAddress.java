package dev.twine.internet;

import java.net.UnixDomainSocketAddress;
import java.util.Objects;

/**
 * The address of a UNIX domain socket.
 *
 * @param path the socket's file path; empty for an unnamed socket (a client's end)
 */
public record UnixAddress(String path) implements Address {
  /** Requires the path. */
  public UnixAddress {
    Objects.requireNonNull(path, "path");
  }

  @Override
  public UnixDomainSocketAddress socketAddress() {
    return UnixDomainSocketAddress.of(path);
  }

  @Override
  public String toString() {
    return "UNIX:" + (path.isEmpty() ? "(unnamed)" : path);
  }
}
