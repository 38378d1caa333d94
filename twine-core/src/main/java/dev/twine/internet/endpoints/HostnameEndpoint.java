package dev.twine.internet.endpoints;

import dev.twine.defer.Deferred;
import dev.twine.defer.Failure;
import dev.twine.internet.Address;
import dev.twine.internet.ClientFactory;
import dev.twine.internet.ConnectError;
import dev.twine.internet.Connector;
import dev.twine.internet.DelayedCall;
import dev.twine.internet.Factory;
import dev.twine.internet.Protocol;
import dev.twine.internet.ReactorTcp;
import dev.twine.internet.ReactorThreads;
import dev.twine.internet.ReactorTime;
import dev.twine.internet.Threads;
import dev.twine.internet.UnknownHost;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Connecting to a host name that may have several IPv6 and IPv4 addresses, with Happy Eyeballs
 * (RFC 8305): the addresses are tried in turn, IPv6 and IPv4 interleaved, each attempt starting
 * when the previous one fails or after {@link #ATTEMPT_DELAY}, whichever is first; the first
 * connection made wins and the other attempts are abandoned. Name resolution runs on another
 * thread, never on the reactor's. This is what {@code tcp:host=NAME:port=N} connects with.
 */
public final class HostnameEndpoint implements StreamClientEndpoint {
  /** The delay before starting the next attempt while one is pending (RFC 8305: 250 ms). */
  public static final Duration ATTEMPT_DELAY = Duration.ofMillis(250);

  /** What the endpoint needs of a reactor: time, threads for name resolution, and TCP. */
  public interface Capabilities extends ReactorTime, ReactorThreads, ReactorTcp {}

  private final ReactorTime time;
  private final ReactorThreads threads;
  private final ReactorTcp tcp;
  private final String host;
  private final int port;
  private final Duration timeout;
  private final @Nullable Address bindAddress;
  private final Resolver resolver;

  /** Resolves a host name to its addresses; blocking, so it runs off the reactor thread. */
  @FunctionalInterface
  public interface Resolver {
    /** Returns every address of {@code host}. */
    List<InetAddress> resolve(String host) throws UnknownHostException;
  }

  /**
   * Creates an endpoint for {@code host} and {@code port} on a reactor with the three
   * capabilities (any {@code Reactor} has them), resolving with the system resolver.
   */
  public <R extends ReactorTime & ReactorThreads & ReactorTcp> HostnameEndpoint(
      R reactor, String host, int port, Duration timeout, @Nullable Address bindAddress) {
    this(reactor, reactor, reactor, host, port, timeout, bindAddress,
        name -> Arrays.asList(InetAddress.getAllByName(name)));
  }

  /** Creates an endpoint with each capability and the resolver given separately, as tests do. */
  public HostnameEndpoint(ReactorTime time, ReactorThreads threads, ReactorTcp tcp, String host,
      int port, Duration timeout, @Nullable Address bindAddress, Resolver resolver) {
    this.time = Objects.requireNonNull(time, "time");
    this.threads = Objects.requireNonNull(threads, "threads");
    this.tcp = Objects.requireNonNull(tcp, "tcp");
    this.host = Objects.requireNonNull(host, "host");
    this.timeout = Objects.requireNonNull(timeout, "timeout");
    this.resolver = Objects.requireNonNull(resolver, "resolver");
    this.bindAddress = bindAddress;
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("port must be 1 to 65535: " + port);
    }
    this.port = port;
  }

  /** Returns the host name. */
  public String host() {
    return host;
  }

  /** Returns the port. */
  public int port() {
    return port;
  }

  @Override
  public Deferred<Protocol> connect(Factory factory) {
    Race race = new Race(factory);
    Deferred<List<InetAddress>> resolved = Threads.deferToThread(threads, () -> resolver.resolve(host));
    race.resolving = resolved;
    resolved.map(HostnameEndpoint::interleave)
        .onSuccess(race::start)
        .recover(failure -> {
          race.fail(failure.exception() instanceof UnknownHostException
              ? Failure.of(new UnknownHost(host, failure.exception())) : failure);
          return List.of();
        });
    return race.result;
  }

  /** Orders addresses as RFC 8305 asks: the first family first, then alternating families. */
  static List<InetAddress> interleave(List<InetAddress> addresses) {
    List<InetAddress> v6 = new ArrayList<>();
    List<InetAddress> v4 = new ArrayList<>();
    for (InetAddress address : addresses) {
      (address instanceof Inet6Address ? v6 : v4).add(address);
    }
    boolean v6First = !addresses.isEmpty() && addresses.get(0) instanceof Inet6Address;
    List<InetAddress> first = v6First ? v6 : v4;
    List<InetAddress> second = v6First ? v4 : v6;
    List<InetAddress> ordered = new ArrayList<>(addresses.size());
    for (int i = 0; i < Math.max(first.size(), second.size()); i++) {
      if (i < first.size()) {
        ordered.add(first.get(i));
      }
      if (i < second.size()) {
        ordered.add(second.get(i));
      }
    }
    return ordered;
  }

  @Override
  public String toString() {
    return "HostnameEndpoint[" + host + ":" + port + "]";
  }

  /** One call to {@code connect}: the attempts racing to connect first. */
  private final class Race {
    final Factory factory;
    final Deferred<Protocol> result = new Deferred<>(d -> cancel());
    final List<Connector> attempts = new ArrayList<>();
    @Nullable Deferred<List<InetAddress>> resolving;
    List<InetAddress> addresses = List.of();
    int next;
    int failed;
    @Nullable DelayedCall nextAttempt;
    @Nullable Failure lastFailure;
    boolean won;

    Race(Factory factory) {
      this.factory = factory;
    }

    void start(List<InetAddress> resolved) {
      if (result.called()) {
        return;
      }
      if (resolved.isEmpty()) {
        fail(Failure.of(new UnknownHost(host, null)));
        return;
      }
      addresses = resolved;
      attemptNext();
    }

    void attemptNext() {
      nextAttempt = null;
      if (won || result.called() || next >= addresses.size()) {
        return;
      }
      InetAddress address = addresses.get(next++);
      attempts.add(tcp.connectTcp(address.getHostAddress(), port, new Attempt(), timeout, bindAddress));
      if (next < addresses.size() && !result.called()) {
        nextAttempt = time.callLater(ATTEMPT_DELAY, this::attemptNext);
      }
    }

    void attemptFailed(Failure reason) {
      lastFailure = reason;
      failed++;
      if (won || result.called()) {
        return;
      }
      if (next < addresses.size()) {
        cancelNextAttempt();
        attemptNext();
      } else if (failed == addresses.size()) {
        fail(reason.exception() instanceof ConnectError ? reason : Failure.of(
            new ConnectError("cannot connect to " + host + ":" + port, reason.exception())));
      }
    }

    void fail(Failure reason) {
      if (!result.called()) {
        result.errback(reason);
      }
    }

    void cancel() {
      cancelNextAttempt();
      Deferred<List<InetAddress>> pending = resolving;
      if (pending != null && !pending.called()) {
        pending.cancel();
      }
      for (Connector attempt : attempts) {
        if (attempt.state() == Connector.State.CONNECTING) {
          attempt.stopConnecting();
        }
      }
      fail(Failure.of(new ConnectError("connecting to " + host + ":" + port + " was cancelled",
          new dev.twine.defer.CancelledException("connection attempt cancelled"))));
    }

    void cancelNextAttempt() {
      DelayedCall pending = nextAttempt;
      nextAttempt = null;
      if (pending != null && pending.active()) {
        pending.cancel();
      }
    }

    /** One attempt: the first to connect builds the user's protocol; later ones are refused. */
    private final class Attempt implements ClientFactory {
      private final ConnectingFactory winner = new ConnectingFactory(factory, result);

      @Override
      public @Nullable Protocol buildProtocol(Address address) {
        if (won || result.called()) {
          return null;
        }
        won = true;
        cancelNextAttempt();
        for (Connector other : attempts) {
          if (other.state() == Connector.State.CONNECTING) {
            other.stopConnecting();
          }
        }
        return winner.buildProtocol(address);
      }

      @Override
      public void clientConnectionFailed(Connector connector, Failure reason) {
        attemptFailed(reason);
      }
    }
  }
}
