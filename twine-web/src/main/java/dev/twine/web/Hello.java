package dev.twine.web;

import dev.twine.bytes.Bytes;
import dev.twine.web.http.HttpMethod;

/**
 * The resources of TechEmpower's plaintext and JSON benchmarks, with the responses their rules
 * ask for: what the {@code twine hello} command serves.
 *
 * <pre>{@code
 * reactor.listenTcp(8080, new Site(Hello.root(), reactor));
 * // GET /plaintext -> Hello, World!                  (Content-Type: text/plain)
 * // GET /json      -> {"message":"Hello, World!"}    (Content-Type: application/json)
 * }</pre>
 *
 * <p>Each response has {@code Server}, {@code Date}, {@code Content-Type} and {@code
 * Content-Length}, as the rules require; the JSON body is serialized anew from a new object for
 * every request, as they require too.
 */
public final class Hello {
  /** The message of both benchmarks. */
  public static final String MESSAGE = "Hello, World!";

  private static final Bytes PLAINTEXT = Bytes.ascii(MESSAGE);

  private Hello() {}

  /** Returns a root with {@link #plaintext()} at {@code /plaintext} and {@link #json()} at {@code /json}. */
  public static Resource root() {
    return new Resource()
        .putChild("plaintext", plaintext())
        .putChild("json", json());
  }

  /** Returns a resource that answers {@code GET} with {@code Hello, World!} as {@code text/plain}. */
  public static Resource plaintext() {
    return new Resource().on(HttpMethod.GET, request -> {
      request.setHeader("Content-Type", "text/plain");
      return Rendered.body(PLAINTEXT);
    });
  }

  /**
   * Returns a resource that answers {@code GET} with {@code {"message":"Hello, World!"}} as
   * {@code application/json}.
   */
  public static Resource json() {
    return new Resource().on(HttpMethod.GET, request -> {
      request.setHeader("Content-Type", "application/json");
      return Rendered.body(new Message(MESSAGE).toJson());
    });
  }

  /** The object the JSON benchmark serializes, one per request. */
  private record Message(String message) {
    Bytes toJson() {
      StringBuilder json = new StringBuilder(32).append("{\"message\":\"");
      for (int i = 0; i < message.length(); i++) {
        char c = message.charAt(i);
        if (c == '"' || c == '\\') {
          json.append('\\').append(c);
        } else if (c < 0x20) {
          json.append(String.format("\\u%04x", (int) c));
        } else {
          json.append(c);
        }
      }
      return Bytes.utf8(json.append("\"}").toString());
    }
  }
}
