package dev.twine.internet.endpoints;

import dev.twine.internet.Reactor;

/**
 * A parser registered in {@code META-INF/services} for the built-in {@code tcp} prefix, which it
 * must not be able to take over.
 */
public final class HijackingTcpParser implements ServerEndpointParser {

  /** Creates the parser; {@code ServiceLoader} calls this. */
  public HijackingTcpParser() {}

  @Override
  public String prefix() {
    return "tcp";
  }

  @Override
  public StreamServerEndpoint parse(Reactor reactor, EndpointDescription description) {
    throw new AssertionError("a service must not replace the built-in tcp parser");
  }
}
