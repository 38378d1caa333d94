package dev.twine.protocols;

import dev.twine.bytes.Bytes;
import dev.twine.defer.Deferred;
import dev.twine.defer.Failure;
import dev.twine.internet.Factory;
import dev.twine.internet.Protocol;
import dev.twine.internet.ReactorTime;
import java.nio.channels.FileChannel;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A wrapper that closes a connection once it has been idle for a period: neither received nor
 * written anything (Twisted's {@code TimeoutProtocol}). It times out any protocol without changing
 * it; a protocol that knows better what counts as activity holds an {@link IdleTimeout} instead.
 *
 * <pre>{@code
 * Factory echo = Factory.forProtocol(Echo::new);
 * reactor.listenTcp(8000, TimeoutProtocol.factory(echo, reactor, Duration.ofMinutes(30)));
 * }</pre>
 *
 * <p>The countdown starts when the connection is made, restarts on every read and every write of
 * the wrapped protocol, and is cancelled when the connection ends. When it fires, the connection
 * is closed with {@code loseConnection}, so what was written is still sent.
 *
 * <p>Threading: the reactor thread of the connection, which must be the thread of {@code time}.
 */
public final class TimeoutProtocol extends ProtocolWrapper {
  private final IdleTimeout timeout;

  /**
   * Creates a wrapper that closes the connection of {@code wrapped} after {@code period} of
   * idleness, timed by {@code time}.
   *
   * @throws IllegalArgumentException if {@code period} is zero or negative
   */
  public TimeoutProtocol(Protocol wrapped, ReactorTime time, Duration period) {
    super(wrapped);
    timeout = new IdleTimeout(time, period, this::loseConnection);
  }

  /** Returns a factory that wraps each protocol of {@code factory} in a {@code TimeoutProtocol}. */
  public static WrappingFactory factory(Factory factory, ReactorTime time, Duration period) {
    Objects.requireNonNull(time, "time");
    IdleTimeout.checkPeriod(period);
    return new WrappingFactory(factory, protocol -> new TimeoutProtocol(protocol, time, period));
  }

  /** Returns the countdown, to change its period or cancel it. */
  public IdleTimeout timeout() {
    return timeout;
  }

  /** Starts the countdown. */
  @Override
  public void connectionMade() {
    timeout.start();
  }

  /** Restarts the countdown and passes the data on. */
  @Override
  public void dataReceived(Bytes data) {
    timeout.resetTimeout();
    super.dataReceived(data);
  }

  /** Restarts the countdown and writes the data. */
  @Override
  protected void write(Bytes data) {
    timeout.resetTimeout();
    super.write(data);
  }

  /** Restarts the countdown and writes the data. */
  @Override
  protected void writeSequence(List<Bytes> data) {
    timeout.resetTimeout();
    super.writeSequence(data);
  }

  /** Restarts the countdown and hands the file region on. */
  @Override
  protected Deferred<@Nullable Void> writeFile(FileChannel file, long position, long count) {
    timeout.resetTimeout();
    return super.writeFile(file, position, count);
  }

  /** Cancels the countdown and tells the wrapped protocol. */
  @Override
  public void connectionLost(Failure reason) {
    timeout.cancelTimeout();
    super.connectionLost(reason);
  }
}
