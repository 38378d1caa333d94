package dev.twine.cli;

import dev.twine.application.MultiService;
import dev.twine.application.StreamServerEndpointService;
import dev.twine.internet.Factory;
import dev.twine.internet.Reactor;
import dev.twine.internet.endpoints.Endpoints;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import picocli.CommandLine.Option;

/**
 * The {@code --listen ENDPOINT} option of server commands, a picocli mixin: repeatable, each value
 * an endpoint string such as {@code tcp:8000}, {@code tcp:0:interface=127.0.0.1} or
 * {@code unix:/run/app.sock}. At least one is required.
 *
 * <pre>{@code
 * @Mixin private ListenOptions listen = new ListenOptions();
 * ...
 * return listen.service(reactor, factory);
 * }</pre>
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
        "Examples: tcp:8000  tcp:0:interface=127.0.0.1  unix:/tmp/twine.sock"
      })
  private List<String> endpoints = new ArrayList<>();

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
   * @throws dev.twine.internet.endpoints.EndpointSyntaxException if an endpoint string is not
   *     valid, naming it and its offending part
   */
  public MultiService service(Reactor reactor, Factory factory) {
    Objects.requireNonNull(reactor, "reactor");
    Objects.requireNonNull(factory, "factory");
    MultiService listening = new MultiService();
    for (String endpoint : endpoints) {
      listening.addService(new StreamServerEndpointService(Endpoints.server(reactor, endpoint), factory));
    }
    return listening;
  }
}
