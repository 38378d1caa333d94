package dev.twine.examples.chat;

import dev.twine.bytes.Bytes;
import dev.twine.defer.Deferred;
import dev.twine.defer.Failure;
import dev.twine.internet.Address;
import dev.twine.internet.Factory;
import dev.twine.internet.Protocol;
import dev.twine.internet.endpoints.Endpoints;
import dev.twine.internet.nio.NioReactor;
import dev.twine.protocols.LineReceiver;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A chat server (the {@code LineReceiver} chat of Twisted's "Writing Servers"): each client picks
 * a name, then every line it sends goes to all the others as {@code <name> line}.
 *
 * <pre>{@code
 * java dev.twine.examples.chat.ChatServer tcp:8123
 * telnet localhost 8123
 * }</pre>
 */
public final class ChatServer {
  private ChatServer() {}

  /** The room: who is in it, by name. The factory is where a server keeps shared state. */
  public static final class ChatFactory implements Factory {
    private final Map<String, Chat> users = new HashMap<>();

    @Override
    public Protocol buildProtocol(Address address) {
      return new Chat(users);
    }
  }

  /** One client: first its name, then its messages. */
  public static final class Chat extends LineReceiver {
    private final Map<String, Chat> users;
    private @Nullable String name;

    Chat(Map<String, Chat> users) {
      this.users = users;
    }

    @Override
    public void connectionMade() {
      sendLine("What's your name?");
    }

    @Override
    public void connectionLost(Failure reason) {
      if (name != null) {
        users.remove(name);
      }
    }

    @Override
    protected void lineReceived(Bytes line) {
      if (name == null) {
        handleGetName(line.utf8());
      } else {
        handleChat(line.utf8());
      }
    }

    private void handleGetName(String wanted) {
      if (users.containsKey(wanted)) {
        sendLine("Name taken, please choose another.");
        return;
      }
      sendLine("Welcome, " + wanted + "!");
      name = wanted;
      users.put(wanted, this);
    }

    private void handleChat(String message) {
      for (Chat user : users.values()) {
        if (user != this) {
          user.sendLine("<" + name + "> " + message);
        }
      }
    }
  }

  /** Listens on the endpoint given as the first argument, {@code tcp:8123} by default. */
  public static void main(String[] args) {
    String endpoint = args.length > 0 ? args[0] : "tcp:8123";
    System.exit(NioReactor.react(reactor -> Endpoints.server(reactor, endpoint)
        .listen(new ChatFactory())
        .flatMap(port -> {
          System.out.println("chat server listening on " + port.address());
          return new Deferred<Void>();   // never fires: serve until the process is killed
        })));
  }
}
