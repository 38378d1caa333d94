package dev.twine.examples.echo;

import dev.twine.bytes.Buffer;
import dev.twine.bytes.Bytes;
import dev.twine.defer.Deferred;
import dev.twine.defer.Failure;
import dev.twine.internet.Protocol;
import dev.twine.internet.endpoints.Endpoints;
import dev.twine.internet.endpoints.StreamClientEndpoint;
import dev.twine.internet.nio.NioReactor;
import java.time.Duration;

/**
 * An echo client: sends a message, reads it back and hangs up (Twisted's {@code echoclient.py}).
 *
 * <pre>{@code
 * java dev.twine.examples.echo.EchoClient tcp:127.0.0.1:8000 "Hello, world!"
 * }</pre>
 */
public final class EchoClient extends Protocol {
  private final Bytes message;
  private final Buffer received = new Buffer();
  private final Deferred<String> answer = new Deferred<>();

  /** Creates a client that will send {@code message}. */
  public EchoClient(String message) {
    this.message = Bytes.utf8(message);
  }

  /**
   * Connects to the echo server at {@code endpoint}, sends {@code message}, and fires with what
   * came back once the connection has closed.
   */
  public static Deferred<String> echo(StreamClientEndpoint endpoint, String message) {
    return endpoint.connectProtocol(new EchoClient(message)).flatMap(client -> client.answer);
  }

  @Override
  public void connectionMade() {
    transport().write(message);
  }

  @Override
  public void dataReceived(Bytes data) {
    received.write(data);
    if (received.size() >= message.size()) {
      transport().loseConnection();
    }
  }

  @Override
  public void connectionLost(Failure reason) {
    answer.callback(received.readAll().utf8());
  }

  /** Talks to the server at the first argument ({@code tcp:127.0.0.1:8000} by default). */
  public static void main(String[] args) {
    String endpoint = args.length > 0 ? args[0] : "tcp:127.0.0.1:8000";
    String message = args.length > 1 ? args[1] : "Hello, world!";
    System.exit(NioReactor.react(reactor -> echo(Endpoints.client(reactor, endpoint), message)
        .addTimeout(Duration.ofSeconds(10), reactor)
        .onSuccess(answer -> System.out.println("receive: " + answer))));
  }
}
