package dev.twine.cli;

import dev.twine.application.MultiService;
import dev.twine.application.Service;
import dev.twine.application.StreamServerEndpointService;
import dev.twine.internet.DatagramProtocol;
import dev.twine.internet.Factory;
import dev.twine.internet.Reactor;
import dev.twine.internet.endpoints.EndpointDescription;
import dev.twine.internet.endpoints.EndpointSyntaxException;
import dev.twine.internet.endpoints.Endpoints;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The {@code --listen ENDPOINT} option of server commands, a picocli mixin: repeatable, each value
 * an endpoint string such as {@code tcp:8000}, {@code tcp:0:interface=127.0.0.1},
 * {@code unix:/run/app.sock} or, for commands that speak a datagram protocol too,
 * {@code udp:8000}. At least one is required.
 *
 * <pre>{@code
 * @Mixin private ListenOptions listen = new ListenOptions();
 * ...
 * return listen.service(reactor, factory);                  // stream endpoints only
 * return listen.service(reactor, factory, UdpEcho::new);    // udp: endpoints as well
 * }</pre>
 *
 * <p>Each string is tried as a stream endpoint ({@link Endpoints#server}) first, then as a
 * datagram one ({@link Endpoints#datagram}); the kind of its prefix decides which service
 * listens on it.
 *
 * <p>Threading: used on the main thread while the command line is parsed and the service built.
 */
public final class ListenOptions {
  @Option(
      names = "--listen",
      paramLabel = "ENDPOINT",
      required = true,
      description = {
        "Where to listen: an endpoint string. Repeat to listen on several.",
        "Examples: tcp:8000  tcp:0:interface=127.0.0.1  unix:/tmp/twine.sock  udp:8000"
      })
  private List<String> endpoints = new ArrayList<>();

  @Spec(Spec.Target.MIXEE)
  private @Nullable CommandSpec command;

  /** Creates the option with no endpoint yet; picocli fills it in. */
  public ListenOptions() {}

  /** Returns the endpoint strings given, in order. */
  public List<String> endpoints() {
    return List.copyOf(endpoints);
  }

  /**
   * Returns a service that listens with {@code factory} on every endpoint given, one
   * {@link StreamServerEndpointService} each, under a {@link MultiService}.
   *
   * @throws EndpointSyntaxException if an endpoint string is not valid, naming it and its
   *     offending part, or is a datagram endpoint such as {@code udp:9}
   */
  public MultiService service(Reactor reactor, Factory factory) {
    return build(reactor, factory, null);
  }

  /**
   * Returns a service that listens with {@code factory} on every stream endpoint given and with a
   * new protocol from {@code datagrams} on every datagram endpoint given, under a
   * {@link MultiService}. Each datagram endpoint gets a protocol of its own.
   *
   * @throws EndpointSyntaxException if an endpoint string is not valid, naming it and its
   *     offending part
   */
  public MultiService service(Reactor reactor, Factory factory, Supplier<? extends DatagramProtocol> datagrams) {
    return build(reactor, factory, Objects.requireNonNull(datagrams, "datagrams"));
  }

  private MultiService build(
      Reactor reactor, Factory factory, @Nullable Supplier<? extends DatagramProtocol> datagrams) {
    Objects.requireNonNull(reactor, "reactor");
    Objects.requireNonNull(factory, "factory");
    MultiService listening = new MultiService();
    for (String endpoint : endpoints) {
      listening.addService(listener(reactor, endpoint, factory, datagrams));
    }
    return listening;
  }

  private Service listener(
      Reactor reactor, String endpoint, Factory factory, @Nullable Supplier<? extends DatagramProtocol> datagrams) {
    String prefix = EndpointDescription.parse(endpoint).prefix();
    if (!Endpoints.isDatagramType(prefix)) {
      return new StreamServerEndpointService(Endpoints.server(reactor, endpoint), factory);
    }
    if (datagrams == null) {
      throw new EndpointSyntaxException(endpoint,
          prefix + ": is a datagram endpoint; " + commandName() + " needs a stream endpoint such as tcp:PORT");
    }
    return new DatagramEndpointService(Endpoints.datagram(reactor, endpoint), datagrams);
  }

  private String commandName() {
    CommandSpec spec = command;
    return spec == null ? "this command" : spec.qualifiedName(" ");
  }
}
