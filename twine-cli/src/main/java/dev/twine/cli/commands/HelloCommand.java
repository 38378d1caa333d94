package dev.twine.cli.commands;

import dev.twine.application.Service;
import dev.twine.cli.ListenOptions;
import dev.twine.cli.ReactorsOption;
import dev.twine.cli.ShutdownOptions;
import dev.twine.cli.TwineCommand;
import dev.twine.internet.Reactor;
import dev.twine.web.Hello;
import dev.twine.web.Resource;
import dev.twine.web.Site;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code twine hello --listen ENDPOINT [--reactors N] [--shutdown-timeout DURATION]}: the
 * responses of TechEmpower's plaintext ({@code /plaintext}) and JSON ({@code /json}) benchmarks,
 * from {@link Hello#root()}, and the WebSocket echo of {@code twine wsecho} at {@code /ws}, for
 * load tests.
 *
 * <p>With {@code --reactors N}, N reactors serve the connections, each with a site of its own
 * ({@link ReactorsOption}); each site shuts down gracefully ({@link ShutdownOptions}).
 */
@Command(description = "Serves TechEmpower's plaintext (/plaintext) and JSON (/json) benchmark"
    + " responses, and a WebSocket echo at /ws, for load tests.")
public final class HelloCommand implements TwineCommand {
  @Mixin private ListenOptions listen = new ListenOptions();
  @Mixin private ReactorsOption reactors = new ReactorsOption();
  @Mixin private ShutdownOptions shutdown = new ShutdownOptions();

  /** Creates the command; {@code twine} finds it with {@code ServiceLoader}. */
  public HelloCommand() {}

  @Override
  public String name() {
    return "hello";
  }

  @Override
  public Service makeService(Reactor reactor) {
    return shutdown.serve(reactor, listen, reactors, each -> new Site(root(each), each));
  }

  private static Resource root(Reactor reactor) {
    return Hello.root().putChild("ws", WsEcho.resource(reactor));
  }
}
