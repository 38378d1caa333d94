package dev.twine.cli.commands;

import dev.twine.application.Service;
import dev.twine.cli.ListenOptions;
import dev.twine.cli.ShutdownOptions;
import dev.twine.cli.TwineCommand;
import dev.twine.internet.Reactor;
import dev.twine.web.Resource;
import dev.twine.web.Site;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code twine wsecho --listen ENDPOINT [--shutdown-timeout DURATION]}: a WebSocket echo server
 * at {@code /} and {@code /ws},
 * the server that conformance suites such as Autobahn's drive. Every message comes back
 * unchanged, text as text and binary as binary; permessage-deflate is accepted when a client
 * offers it; messages and frames up to the {@linkplain
 * dev.twine.web.websocket.WebSocketLimits#DEFAULT default limits} are taken.
 *
 * <p>It accepts pages of any origin: a test server holds nothing that a page of another site
 * could misuse. Other requests get {@code 426 Upgrade Required}.
 */
@Command(description = "Runs a WebSocket echo server at / and /ws: every message comes back "
    + "unchanged, text as text and binary as binary, with permessage-deflate. Any origin may "
    + "connect.")
public final class WsEchoCommand implements TwineCommand {
  @Mixin private ListenOptions listen = new ListenOptions();
  @Mixin private ShutdownOptions shutdown = new ShutdownOptions();

  /** Creates the command; {@code twine} finds it with {@code ServiceLoader}. */
  public WsEchoCommand() {}

  @Override
  public String name() {
    return "wsecho";
  }

  @Override
  public Service makeService(Reactor reactor) {
    Resource root = new Resource()
        .putChild("", WsEcho.resource(reactor))
        .putChild("ws", WsEcho.resource(reactor));
    Site site = new Site(root, reactor);
    return shutdown.drain(listen.service(reactor, site), site);
  }
}
