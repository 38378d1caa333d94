package dev.twine.cli;

import dev.twine.application.MultiService;
import dev.twine.application.StreamServerEndpointService;
import dev.twine.internet.Factory;
import dev.twine.internet.Reactor;
import dev.twine.internet.endpoints.EndpointDescription;
import dev.twine.internet.endpoints.EndpointSyntaxException;
import dev.twine.internet.endpoints.Endpoints;
import dev.twine.internet.endpoints.StreamServerEndpoint;
import dev.twine.internet.endpoints.TcpServerEndpoint;
import dev.twine.internet.nio.NioReactorGroup;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The {@code --reactors N} option of server commands, a picocli mixin: how many reactors serve
 * the {@code --listen} endpoints, 1 (the default) to {@value #MAX}.
 *
 * <pre>{@code
 * @Mixin private ListenOptions listen = new ListenOptions();
 * @Mixin private ReactorsOption reactors = new ReactorsOption();
 * ...
 * return reactors.service(reactor, listen, each -> new Site(root(each), each));
 * }</pre>
 *
 * <p>With one reactor, {@code twine}'s own reactor accepts and serves every connection. With N,
 * a {@link NioReactorGroup} of N more reactors does, on threads of their own: each {@code tcp:}
 * endpoint gets one listening socket per reactor bound to the same address ({@code SO_REUSEPORT}
 * on Linux), so the kernel spreads new connections over them, and each connection stays on the
 * reactor that accepted it. Every reactor gets a factory of its own, made by the command for that
 * reactor, so that a {@link dev.twine.web.Site} keeps to its reactor's thread; what the factories
 * share must be thread-safe. {@code twine}'s reactor keeps handling signals and the orderly stop.
 *
 * <p>A value outside 1 to {@value #MAX} is a usage error (exit code 2). Above 1, only TCP
 * endpoints ({@code tcp:}, {@code tcp6:}) can listen: another kind fails with one line naming it.
 *
 * <p>Threading: used on the main thread while the command line is parsed and the service built.
 */
public final class ReactorsOption {
  /** The most reactors {@code --reactors} accepts. */
  public static final int MAX = 1024;

  @Spec(Spec.Target.MIXEE)
  private @Nullable CommandSpec command;

  private int count = 1;

  /** Creates the option with its default, one reactor; picocli fills it in. */
  public ReactorsOption() {}

  @Option(
      names = "--reactors",
      paramLabel = "N",
      description = {
        "How many reactors (event-loop threads) serve the connections, 1 to " + MAX + "; the"
            + " default is 1. Above 1, each tcp: endpoint listens once per reactor on the same"
            + " port (SO_REUSEPORT) and each connection stays on the reactor that accepted it."
      })
  private void count(int value) {
    if (value < 1 || value > MAX) {
      CommandSpec spec = command;
      String message = "--reactors must be from 1 to " + MAX + ", not " + value;
      if (spec == null) {
        throw new IllegalArgumentException(message);
      }
      throw new ParameterException(spec.commandLine(), message);
    }
    count = value;
  }

  /** Returns how many reactors serve the connections. */
  public int count() {
    return count;
  }

  /**
   * Returns a service that listens on every endpoint of {@code listen}, each connection served by
   * a protocol from the factory that {@code factories} made for the reactor that accepted it:
   * {@code reactor} itself with one reactor, else each reactor of a group that the service runs
   * while it runs. {@code factories} is called once per reactor, here.
   *
   * @throws EndpointSyntaxException if an endpoint string is not valid, or, with more than one
   *     reactor, is not a TCP endpoint
   */
  public MultiService service(
      Reactor reactor, ListenOptions listen, Function<? super Reactor, ? extends Factory> factories) {
    return service(reactor, listen, factories, Duration.ZERO);
  }

  /**
   * Returns the service of {@link #service(Reactor, ListenOptions, Function)}, whose group of
   * reactors, if any, may take up to {@code shutdownDeadline} to shut down: the longest graceful
   * shutdown that the factories registered as "before shutdown" triggers of their reactors. The
   * {@code twine} runner waits that much longer for the process to end.
   */
  public MultiService service(Reactor reactor, ListenOptions listen,
      Function<? super Reactor, ? extends Factory> factories, Duration shutdownDeadline) {
    Objects.requireNonNull(reactor, "reactor");
    Objects.requireNonNull(listen, "listen");
    Objects.requireNonNull(factories, "factories");
    if (count == 1) {
      return listen.service(reactor, factories.apply(reactor));
    }
    NioReactorGroup group = new NioReactorGroup(count);
    MultiService services = new MultiService();
    services.addService(new ReactorGroupService(reactor, group, shutdownDeadline));
    Factory factory = new PerReactorFactory(group, factories);
    for (String endpoint : listen.endpoints()) {
      services.addService(new StreamServerEndpointService(onGroup(reactor, group, endpoint), factory));
    }
    return services;
  }

  private TcpServerEndpoint onGroup(Reactor reactor, NioReactorGroup group, String endpoint) {
    StreamServerEndpoint parsed = Endpoints.server(reactor, endpoint);
    if (!(parsed instanceof TcpServerEndpoint tcp)) {
      throw new EndpointSyntaxException(endpoint, "--reactors " + count + " listens on tcp: and"
          + " tcp6: endpoints only, not on " + EndpointDescription.parse(endpoint).prefix() + ":");
    }
    return new TcpServerEndpoint(group, tcp.port(), tcp.backlog(), tcp.interfaceAddress());
  }
}
