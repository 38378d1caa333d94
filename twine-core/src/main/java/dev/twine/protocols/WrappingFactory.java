package dev.twine.protocols;

import dev.twine.defer.Failure;
import dev.twine.internet.Address;
import dev.twine.internet.ClientFactory;
import dev.twine.internet.Connector;
import dev.twine.internet.Factory;
import dev.twine.internet.Protocol;
import java.util.Objects;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * A factory that wraps each protocol of another factory, typically in a {@link ProtocolWrapper}
 * that applies a policy (Twisted's {@code WrappingFactory}).
 *
 * <pre>{@code
 * Factory echo = Factory.forProtocol(Echo::new);
 * reactor.listenTcp(8000, new WrappingFactory(echo, Counting::new));
 * }</pre>
 *
 * <p>Everything else is the wrapped factory's: {@link #startFactory} and {@link #stopFactory} are
 * passed on, and so are the connection attempts' events when the wrapped factory is a {@link
 * ClientFactory}. A connection the wrapped factory refuses (its {@code buildProtocol} returns
 * null) is refused.
 *
 * <p>Threading: as the wrapped factory; the wrapping function is called where {@code
 * buildProtocol} is.
 */
public final class WrappingFactory implements ClientFactory {
  private final Factory wrapped;
  private final Function<? super Protocol, ? extends Protocol> wrapper;

  /** Creates a factory whose protocols are those of {@code wrapped}, each passed through {@code wrapper}. */
  public WrappingFactory(Factory wrapped, Function<? super Protocol, ? extends Protocol> wrapper) {
    this.wrapped = Objects.requireNonNull(wrapped, "wrapped");
    this.wrapper = Objects.requireNonNull(wrapper, "wrapper");
  }

  /** Returns the factory whose protocols are wrapped. */
  public Factory wrapped() {
    return wrapped;
  }

  /**
   * Returns the wrapped factory's protocol for {@code address}, wrapped, or null if the wrapped
   * factory refuses the connection.
   *
   * @throws NullPointerException if the wrapping function returns null
   */
  @Override
  public @Nullable Protocol buildProtocol(Address address) {
    Protocol protocol = wrapped.buildProtocol(address);
    if (protocol == null) {
      return null;
    }
    return Objects.requireNonNull(wrapper.apply(protocol), "the wrapping function returned null");
  }

  @Override
  public void startFactory() {
    wrapped.startFactory();
  }

  @Override
  public void stopFactory() {
    wrapped.stopFactory();
  }

  @Override
  public void startedConnecting(Connector connector) {
    if (wrapped instanceof ClientFactory client) {
      client.startedConnecting(connector);
    }
  }

  @Override
  public void clientConnectionFailed(Connector connector, Failure reason) {
    if (wrapped instanceof ClientFactory client) {
      client.clientConnectionFailed(connector, reason);
    }
  }

  @Override
  public void clientConnectionLost(Connector connector, Failure reason) {
    if (wrapped instanceof ClientFactory client) {
      client.clientConnectionLost(connector, reason);
    }
  }

  @Override
  public String toString() {
    return "WrappingFactory[" + wrapped + "]";
  }
}
