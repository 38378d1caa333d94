package dev.twine.cli;

import dev.twine.application.Service;
import dev.twine.bytes.Bytes;
import dev.twine.internet.Factory;
import dev.twine.internet.Protocol;
import dev.twine.internet.Reactor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * A command plugged in the way another module would: a {@code META-INF/services} entry in the
 * test resources makes {@code twine greet} exist on the test class path.
 */
@Command(description = "Greets every client by name, then hangs up.")
public final class GreetCommand implements TwineCommand {
  @Mixin private ListenOptions listen = new ListenOptions();

  @Option(names = "--name", defaultValue = "plugin", description = "Who greets.")
  private String name = "plugin";

  @Override
  public String name() {
    return "greet";
  }

  @Override
  public Service makeService(Reactor reactor) {
    String greeting = "hello from " + name + "\r\n";
    return listen.service(reactor, Factory.forProtocol(() -> new Protocol() {
      @Override
      public void connectionMade() {
        transport().write(Bytes.utf8(greeting));
        transport().loseConnection();
      }
    }));
  }
}
