package dev.twine.protocols;

import dev.twine.bytes.Bytes;
import dev.twine.defer.Failure;
import dev.twine.internet.Address;
import dev.twine.internet.Factory;
import dev.twine.internet.IPv4Address;
import dev.twine.internet.IPv6Address;
import dev.twine.internet.Protocol;
import dev.twine.internet.ReactorTime;
import dev.twine.internet.UnixAddress;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A server factory that refuses connections beyond its {@link ConnectionLimits}: too many open in
 * all, too many open from one client address, or too many new ones from one address in a short
 * time (Twisted's {@code LimitTotalConnectionsFactory}, {@code LimitConnectionsByPeer} and the
 * connection count of {@code ThrottlingFactory}, in one policy).
 *
 * <pre>{@code
 * Factory guarded = new LimitConnectionsFactory(factory, reactor, ConnectionLimits.DEFAULT,
 *     (peer, refusal) -> Bytes.ascii("busy, try again later\r\n"));
 * reactor.listenTcp(8000, guarded);
 * }</pre>
 *
 * <p>A refused connection is closed at once, before the wrapped factory is asked for a protocol;
 * with an {@link Answer}, the answer is written first and anything the client sends is ignored.
 * An admitted connection counts from the moment the wrapped factory gives it a protocol until
 * that protocol's {@code connectionLost}; one the wrapped factory refuses does not count. New
 * connections are rate-limited only once admitted by the counts, so refused attempts use up no
 * allowance.
 *
 * <p>A server that follows the end of its connections itself, and would rather not stand a wrapper
 * between them and their transport, counts them with {@link #admit} and {@link #release} instead of
 * {@link #buildProtocol}.
 *
 * <p>Threading: thread-safe, so that one factory can count the connections of all the reactors
 * of a group; {@code time} is then read from each of their threads, as a {@code NioReactor}'s
 * may be. The answer is asked for, and the wrapped factory called, on the accepting thread.
 */
public final class LimitConnectionsFactory implements Factory {
  /** Why a connection was refused. */
  public enum Refusal {
    /** {@link ConnectionLimits#maxConnections()} connections were open. */
    TOO_MANY_CONNECTIONS,
    /** {@link ConnectionLimits#maxConnectionsPerAddress()} connections were open from the address. */
    TOO_MANY_FROM_ADDRESS,
    /** The address opened new connections faster than {@link ConnectionLimits#newConnectionsPerSecond()}. */
    TOO_MANY_NEW_CONNECTIONS
  }

  /** What a refused client is told before its connection closes. */
  @FunctionalInterface
  public interface Answer {
    /** Returns the bytes to write to {@code peer}, refused for {@code refusal}; empty for none. */
    Bytes answer(Address peer, Refusal refusal);
  }

  private final Factory wrapped;
  private final ReactorTime time;
  private final ConnectionLimits limits;
  private final Answer answer;
  private final Map<Object, Integer> openByAddress = new HashMap<>();
  private final TokenBuckets<Object> rates;
  private int open;

  /** Creates a factory that holds the clients of {@code wrapped} to {@code limits}, closing refused connections without a word. */
  public LimitConnectionsFactory(Factory wrapped, ReactorTime time, ConnectionLimits limits) {
    this(wrapped, time, limits, (peer, refusal) -> Bytes.EMPTY);
  }

  /** Creates a factory that holds the clients of {@code wrapped} to {@code limits}, answering refused ones with {@code answer}. */
  public LimitConnectionsFactory(Factory wrapped, ReactorTime time, ConnectionLimits limits, Answer answer) {
    this.wrapped = Objects.requireNonNull(wrapped, "wrapped");
    this.time = Objects.requireNonNull(time, "time");
    this.limits = Objects.requireNonNull(limits, "limits");
    this.answer = Objects.requireNonNull(answer, "answer");
    this.rates = new TokenBuckets<>(limits.newConnectionsPerSecond(), limits.newConnectionBurst(),
        limits.maxTrackedAddresses());
  }

  /** Returns the limits. */
  public ConnectionLimits limits() {
    return limits;
  }

  /** Returns how many admitted connections are open. */
  public synchronized int openConnections() {
    return open;
  }

  /**
   * Returns how many admitted connections are open from the client address of {@code peer} (its
   * network, for IPv6); 0 for a UNIX socket client, which has no address of its own.
   */
  public synchronized int openConnections(Address peer) {
    Object key = key(peer);
    return key == null ? 0 : openByAddress.getOrDefault(key, 0);
  }

  /**
   * Returns the wrapped factory's protocol for {@code address} if the limits admit the connection,
   * else null or, with an answer, a protocol that writes it and closes.
   */
  @Override
  public @Nullable Protocol buildProtocol(Address address) {
    Object key = key(address);
    Refusal refusal = admit(key);
    if (refusal != null) {
      Bytes said = Objects.requireNonNull(answer.answer(address, refusal), "the answer returned null");
      return said.isEmpty() ? null : new Refused(said);
    }
    Protocol protocol;
    try {
      protocol = wrapped.buildProtocol(address);
    } catch (RuntimeException | Error e) {
      release(key);
      throw e;
    }
    if (protocol == null) {
      release(key);
      return null;
    }
    return new Counted(protocol, key);
  }

  @Override
  public void startFactory() {
    wrapped.startFactory();
  }

  @Override
  public void stopFactory() {
    wrapped.stopFactory();
  }

  /**
   * Counts a new connection from {@code peer} if the limits admit it, as {@link #buildProtocol}
   * does, without asking the wrapped factory: returns empty if it was counted, in which case the
   * caller must {@linkplain #release release} it exactly once when it ends, or why it was refused.
   */
  public Optional<Refusal> admit(Address peer) {
    return Optional.ofNullable(admit(key(peer)));
  }

  /**
   * Stops counting a connection from {@code peer} that {@link #admit} admitted.
   *
   * @throws IllegalStateException if no admitted connection is open
   */
  public void release(Address peer) {
    Object key = key(peer);
    synchronized (this) {
      if (open == 0) {
        throw new IllegalStateException("no admitted connection is open to release " + peer);
      }
      release(key);
    }
  }

  /** Counts a new connection from {@code key} if the limits admit it; else returns why not. */
  private synchronized @Nullable Refusal admit(@Nullable Object key) {
    if (open >= limits.maxConnections()) {
      return Refusal.TOO_MANY_CONNECTIONS;
    }
    if (key != null) {
      if (openByAddress.getOrDefault(key, 0) >= limits.maxConnectionsPerAddress()) {
        return Refusal.TOO_MANY_FROM_ADDRESS;
      }
      if (!rates.take(key, time.seconds())) {
        return Refusal.TOO_MANY_NEW_CONNECTIONS;
      }
      openByAddress.merge(key, 1, Integer::sum);
    }
    open++;
    return null;
  }

  private synchronized void release(@Nullable Object key) {
    open--;
    if (key != null) {
      openByAddress.computeIfPresent(key, (k, count) -> count == 1 ? null : count - 1);
    }
  }

  /** Returns what identifies the client at {@code address}: its IP, or its IPv6 network; null for UNIX. */
  private @Nullable Object key(Address address) {
    return switch (address) {
      case UnixAddress unix -> null;
      case IPv4Address v4 -> v4.host();
      case IPv6Address v6 -> ipv6Key(v6.host());
    };
  }

  private Object ipv6Key(String host) {
    byte[] bytes = IpNetwork.literal(host);
    if (bytes == null) {
      return host;
    }
    if (bytes.length == 4) {
      return (bytes[0] & 0xff) + "." + (bytes[1] & 0xff) + "." + (bytes[2] & 0xff) + "." + (bytes[3] & 0xff);
    }
    return HexFormat.of().formatHex(IpNetwork.masked(bytes, limits.ipv6PrefixLength()))
        + "/" + limits.ipv6PrefixLength();
  }

  /** An admitted connection: it stops counting when it ends. */
  private final class Counted extends ProtocolWrapper {
    private final @Nullable Object key;

    Counted(Protocol wrapped, @Nullable Object key) {
      super(wrapped);
      this.key = key;
    }

    @Override
    public void connectionLost(Failure reason) {
      release(key);
      super.connectionLost(reason);
    }
  }

  /** A refused connection that is told so: the answer, then the end. */
  private static final class Refused extends Protocol {
    private final Bytes said;

    Refused(Bytes said) {
      this.said = said;
    }

    @Override
    public void connectionMade() {
      transport().write(said);
      transport().loseConnection();
    }
  }

  @Override
  public String toString() {
    return "LimitConnectionsFactory[" + wrapped + ", " + limits + "]";
  }
}
