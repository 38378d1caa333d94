package dev.twine.cli.commands;

import dev.twine.application.MultiService;
import dev.twine.application.Service;
import dev.twine.application.StreamServerEndpointService;
import dev.twine.bytes.Bytes;
import dev.twine.cli.ListenOptions;
import dev.twine.cli.ShutdownOptions;
import dev.twine.cli.TwineCommand;
import dev.twine.defer.Outcome;
import dev.twine.internet.ListeningPort;
import dev.twine.internet.Reactor;
import dev.twine.internet.endpoints.Endpoints;
import dev.twine.web.Rendered;
import dev.twine.web.Resource;
import dev.twine.web.Site;
import dev.twine.web.http.HttpMethod;
import dev.twine.web.websocket.WebSocketOptions;
import dev.twine.web.websocket.WebSocketResource;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code twine chat --listen ENDPOINT [--web ENDPOINT] [--shutdown-timeout DURATION]}: a line-based chat server (the {@code
 * LineReceiver} chat of Twisted's "Writing Servers"). Every endpoint given leads to the same room.
 * With {@code --web}, a web server there serves a chat page at {@code /} and its WebSocket at
 * {@code /ws}, into the same room: line clients and browsers see each other's messages, and a
 * name is taken across both. The WebSocket admits pages of its own origin only (the chat page),
 * and programs, which send no {@code Origin}.
 */
@Command(description = "Runs a chat server: each client picks a name, and every line it sends "
    + "goes to all the others as \"<name> line\". With --web, browsers join the same room from a "
    + "chat page.")
public final class ChatCommand implements TwineCommand {
  private static final System.Logger LOG = System.getLogger("twine");

  @Mixin private ListenOptions listen = new ListenOptions();
  @Mixin private ShutdownOptions shutdown = new ShutdownOptions();

  @Option(
      names = "--web",
      paramLabel = "ENDPOINT",
      description = {
        "Where to serve the chat page (at /) and its WebSocket (at /ws): an endpoint string.",
        "Example: tcp:8080, then open http://localhost:8080/?name=alice"
      })
  private @Nullable String web;

  /** Creates the command; {@code twine} finds it with {@code ServiceLoader}. */
  public ChatCommand() {}

  @Override
  public String name() {
    return "chat";
  }

  @Override
  public Service makeService(Reactor reactor) {
    ChatRoom room = new ChatRoom();
    MultiService service = listen.service(reactor, address -> new Chat(room));
    String webEndpoint = web;
    if (webEndpoint != null) {
      Site site = new Site(site(reactor, room), reactor);
      StreamServerEndpointService page = new StreamServerEndpointService(
          Endpoints.server(reactor, webEndpoint), site);
      page.whenListening().transform(outcome -> {
        if (outcome instanceof Outcome.Success<ListeningPort> listening) {
          LOG.log(System.Logger.Level.INFO, "chat page on {0}", listening.value().address());
        }
        return null;
      });
      service.addService(page);
      shutdown.drain(service, site);
    }
    return service;
  }

  /** Returns the web site: the page at {@code /}, the room's WebSocket at {@code /ws}. */
  private static Resource site(Reactor reactor, ChatRoom room) {
    Bytes page = page();
    Resource root = new Resource();
    root.putChild("", new Resource().on(HttpMethod.GET, request -> {
      request.setHeader("Content-Type", "text/html; charset=utf-8");
      return Rendered.body(page);
    }));
    root.putChild("ws", new WebSocketResource(reactor, WebSocketOptions.DEFAULT,
        () -> new WebChat(room)));
    return root;
  }

  /** Returns the chat page, a self-contained HTML file among this class's resources. */
  private static Bytes page() {
    try (InputStream in = ChatCommand.class.getResourceAsStream("chat.html")) {
      if (in == null) {
        throw new IllegalStateException("the chat page chat.html is missing from the class path");
      }
      return Bytes.wrap(in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException("reading the chat page", e);
    }
  }
}
