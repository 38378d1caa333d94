package dev.twine.protocols;

import dev.twine.internet.StreamTransport;

/**
 * The transport a {@link ProtocolWrapper} gives the protocol it wraps when the real transport is
 * a {@link StreamTransport}: the half-close and socket options go straight to it.
 */
final class WrapperStreamTransport extends WrapperTransport implements StreamTransport {
  private final StreamTransport transport;

  WrapperStreamTransport(ProtocolWrapper wrapper, StreamTransport transport) {
    super(wrapper, transport);
    this.transport = transport;
  }

  @Override
  public void loseWriteConnection() {
    transport.loseWriteConnection();
  }

  @Override
  public boolean noDelay() {
    return transport.noDelay();
  }

  @Override
  public void setNoDelay(boolean noDelay) {
    transport.setNoDelay(noDelay);
  }

  @Override
  public boolean keepAlive() {
    return transport.keepAlive();
  }

  @Override
  public void setKeepAlive(boolean keepAlive) {
    transport.setKeepAlive(keepAlive);
  }
}
