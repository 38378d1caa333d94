package dev.twine.protocols;

import dev.twine.bytes.Bytes;
import dev.twine.defer.Deferred;
import dev.twine.internet.Address;
import dev.twine.internet.Producer;
import dev.twine.internet.Transport;
import java.nio.channels.FileChannel;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The transport a {@link ProtocolWrapper} gives the protocol it wraps: writes (file regions too),
 * closes, producer registrations, pausing and resuming, and the peer's address go to the wrapper's methods;
 * everything else goes to the real transport.
 */
class WrapperTransport implements Transport {
  private final ProtocolWrapper wrapper;
  private final Transport transport;

  WrapperTransport(ProtocolWrapper wrapper, Transport transport) {
    this.wrapper = wrapper;
    this.transport = transport;
  }

  @Override
  public void write(Bytes data) {
    wrapper.write(data);
  }

  @Override
  public void writeSequence(List<Bytes> data) {
    wrapper.writeSequence(data);
  }

  @Override
  public Deferred<@Nullable Void> writeFile(FileChannel file, long position, long count) {
    return wrapper.writeFile(file, position, count);
  }

  @Override
  public boolean sendsFilesDirectly() {
    return wrapper.sendsFilesDirectly();
  }

  @Override
  public void loseConnection() {
    wrapper.loseConnection();
  }

  @Override
  public void abortConnection() {
    wrapper.abortConnection();
  }

  @Override
  public void registerProducer(Producer producer, boolean streaming) {
    wrapper.registerProducer(producer, streaming);
  }

  @Override
  public void unregisterProducer() {
    wrapper.unregisterProducer();
  }

  @Override
  public void pauseProducing() {
    wrapper.pauseProducing();
  }

  @Override
  public void resumeProducing() {
    wrapper.resumeProducing();
  }

  @Override
  public void stopProducing() {
    transport.stopProducing();
  }

  @Override
  public boolean disconnecting() {
    return transport.disconnecting();
  }

  @Override
  public Address peer() {
    return wrapper.peer();
  }

  @Override
  public Address host() {
    return transport.host();
  }

  @Override
  public boolean secure() {
    return transport.secure();
  }

  @Override
  public String toString() {
    return "WrapperTransport[" + wrapper.getClass().getSimpleName() + " over " + transport + "]";
  }
}
