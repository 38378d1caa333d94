package dev.twine.cli.commands;

import dev.twine.application.Service;
import dev.twine.cli.ListenOptions;
import dev.twine.cli.ShutdownOptions;
import dev.twine.cli.TwineCommand;
import dev.twine.internet.Reactor;
import dev.twine.web.Hello;
import dev.twine.web.Site;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code twine hello --listen ENDPOINT [--shutdown-timeout DURATION]}: the responses of TechEmpower's plaintext ({@code
 * /plaintext}) and JSON ({@code /json}) benchmarks, from {@link Hello#root()}, for load tests.
 */
@Command(description = "Serves TechEmpower's plaintext (/plaintext) and JSON (/json) benchmark"
    + " responses, for load tests.")
public final class HelloCommand implements TwineCommand {
  @Mixin private ListenOptions listen = new ListenOptions();
  @Mixin private ShutdownOptions shutdown = new ShutdownOptions();

  /** Creates the command; {@code twine} finds it with {@code ServiceLoader}. */
  public HelloCommand() {}

  @Override
  public String name() {
    return "hello";
  }

  @Override
  public Service makeService(Reactor reactor) {
    Site site = new Site(Hello.root(), reactor);
    return shutdown.drain(listen.service(reactor, site), site);
  }
}
