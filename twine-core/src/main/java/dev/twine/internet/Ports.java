package dev.twine.internet;

/** Checks of port numbers shared by the address and endpoint types. */
final class Ports {
  private Ports() {}

  static int check(int port) {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be 0 to 65535: " + port);
    }
    return port;
  }
}
