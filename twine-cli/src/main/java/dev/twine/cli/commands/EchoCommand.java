package dev.twine.cli.commands;

import dev.twine.application.Service;
import dev.twine.cli.ListenOptions;
import dev.twine.cli.TwineCommand;
import dev.twine.internet.Factory;
import dev.twine.internet.Reactor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code twine echo --listen ENDPOINT}: an echo server (Twisted's {@code echoserv.py}); on
 * {@code udp:} endpoints it sends each datagram back to its sender ({@code echoserv_udp.py}).
 */
@Command(description = "Runs an echo server: every byte a client sends comes back to it, and on "
    + "udp: endpoints every datagram goes back to its sender.")
public final class EchoCommand implements TwineCommand {
  @Mixin private ListenOptions listen = new ListenOptions();

  /** Creates the command; {@code twine} finds it with {@code ServiceLoader}. */
  public EchoCommand() {}

  @Override
  public String name() {
    return "echo";
  }

  @Override
  public Service makeService(Reactor reactor) {
    return listen.service(reactor, Factory.forProtocol(Echo::new), DatagramEcho::new);
  }
}
