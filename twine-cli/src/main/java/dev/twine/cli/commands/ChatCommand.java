package dev.twine.cli.commands;

import dev.twine.application.Service;
import dev.twine.cli.ListenOptions;
import dev.twine.cli.TwineCommand;
import dev.twine.internet.Reactor;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code twine chat --listen ENDPOINT}: a line-based chat server (the {@code LineReceiver} chat of
 * Twisted's "Writing Servers"). Every endpoint given leads to the same room.
 */
@Command(description = "Runs a chat server: each client picks a name, and every line it sends "
    + "goes to all the others as \"<name> line\".")
public final class ChatCommand implements TwineCommand {
  @Mixin private ListenOptions listen = new ListenOptions();

  /** Creates the command; {@code twine} finds it with {@code ServiceLoader}. */
  public ChatCommand() {}

  @Override
  public String name() {
    return "chat";
  }

  @Override
  public Service makeService(Reactor reactor) {
    Map<String, Chat> members = new LinkedHashMap<>();
    return listen.service(reactor, address -> new Chat(members));
  }
}
