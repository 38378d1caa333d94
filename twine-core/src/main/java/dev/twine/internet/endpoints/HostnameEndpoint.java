package dev.twine.internet.endpoints;

import dev.twine.defer.CancelledException;
import dev.twine.defer.Deferred;
import dev.twine.defer.Failure;
import dev.twine.defer.Outcome;
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
import java.util.Optional;
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

  /** Returns how long each attempt may take. */
  public Duration timeout() {
    return timeout;
  }

  /** Returns the local address that attempts connect from, if one was given. */
  public Optional<Address> bindAddress() {
    return Optional.ofNullable(bindAddress);
  }

  /**
   * {@inheritDoc}
   *
   * <p>Fails with {@link UnknownHost} if the name does not resolve, or with the
   * {@link ConnectError} of the last attempt if every address fails. Cancelling stops the name
   * resolution or every attempt, and fails with a {@link ConnectError} caused by a
   * {@link CancelledException}.
   */
  @Override
  public Deferred<Protocol> connect(Factory factory) {
    Race race = new Race(factory);
    Deferred<List<InetAddress>> resolved = Threads.deferToThread(threads, () -> resolver.resolve(host));
    race.resolving = resolved;
    resolved.transform(outcome -> {
      switch (outcome) {
        case Outcome.Success<List<InetAddress>> success -> race.start(interleave(success.value()));
        case Outcome.Failed<List<InetAddress>> failed -> race.resolveFailed(failed.failure());
      }
      return null;
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
    final Deferred<Protocol> result = new Deferred<>(d -> cancel());
    final ConnectingFactory connecting;
    final List<Attempt> attempts = new ArrayList<>();
    @Nullable Deferred<List<InetAddress>> resolving;
    List<InetAddress> addresses = List.of();
    int next;
    int failed;
    @Nullable DelayedCall nextAttempt;
    /** Whether an attempt has connected, or the race has failed or was cancelled. */
    boolean over;

    Race(Factory factory) {
      this.connecting = new ConnectingFactory(factory, result);
    }

    void start(List<InetAddress> resolved) {
      if (over) {
        return;
      }
      if (resolved.isEmpty()) {
        fail(Failure.of(new UnknownHost(host, null)));
        return;
      }
      addresses = resolved;
      attemptNext();
    }

    void resolveFailed(Failure reason) {
      if (!over) {
        fail(reason.exception() instanceof ConnectError
            ? reason : Failure.of(new UnknownHost(host, reason.exception())));
      }
    }

    /** Starts the next attempt, and schedules the one after it before this one can fail. */
    void attemptNext() {
      nextAttempt = null;
      if (over || next >= addresses.size()) {
        return;
      }
      InetAddress address = addresses.get(next++);
      if (next < addresses.size()) {
        nextAttempt = time.callLater(ATTEMPT_DELAY, this::attemptNext);
      }
      Attempt attempt = new Attempt();
      attempts.add(attempt);
      attempt.connector = tcp.connectTcp(address.getHostAddress(), port, attempt, timeout, bindAddress);
    }

    void attemptFailed(Failure reason) {
      failed++;
      if (over) {
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
      over = true;
      cancelNextAttempt();
      if (!result.called()) {
        result.errback(reason);
      }
    }

    void cancel() {
      over = true;
      cancelNextAttempt();
      Deferred<List<InetAddress>> pending = resolving;
      if (pending != null && !pending.called()) {
        pending.cancel();
      }
      stopAttemptsBut(null);
      fail(Failure.of(new ConnectError("connecting to " + host + ":" + port + " was cancelled",
          new CancelledException("connection attempt cancelled"))));
    }

    void stopAttemptsBut(@Nullable Attempt winner) {
      for (Attempt attempt : List.copyOf(attempts)) {
        Connector connector = attempt.connector;
        if (attempt != winner && connector != null && connector.state() == Connector.State.CONNECTING) {
          connector.stopConnecting();
        }
      }
    }

    void cancelNextAttempt() {
      DelayedCall pending = nextAttempt;
      nextAttempt = null;
      if (pending != null && pending.active()) {
        pending.cancel();
      }
    }

    /**
     * One attempt: the first to connect builds the user's protocol and stops the others; a
     * connection that completes after that is refused.
     */
    private final class Attempt implements ClientFactory {
      @Nullable Connector connector;
      boolean won;

      @Override
      public @Nullable Protocol buildProtocol(Address address) {
        if (over) {
          return null;
        }
        over = true;
        won = true;
        cancelNextAttempt();
        stopAttemptsBut(this);
        return connecting.buildProtocol(address);
      }

      @Override
      public void clientConnectionFailed(Connector failedConnector, Failure reason) {
        if (won) {
          connecting.clientConnectionFailed(failedConnector, reason);
        } else {
          attemptFailed(reason);
        }
      }
    }
  }
}
