package dev.twine.web.client;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.twine.bytes.Bytes;
import dev.twine.defer.Deferred;
import dev.twine.internet.Reactor;
import dev.twine.web.http.Headers;
import dev.twine.web.http.HttpMethod;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The short way to make everyday requests, in the spirit of Python's {@code treq}: one method per
 * HTTP method, bodies from bytes or JSON, and the response body read whole as bytes, text or
 * JSON, up to a size bound.
 *
 * <pre>{@code
 * Treq http = Treq.create(reactor);
 * http.get("https://api.example.com/users/1")
 *     .flatMap(response -> http.json(response, User.class))
 *     .map(user -> user.name());
 * http.postJson("https://api.example.com/users", new User("ada"))
 *     .flatMap(http::text);
 * }</pre>
 *
 * <p>JSON uses Jackson, an optional dependency: add {@code
 * com.fasterxml.jackson.core:jackson-databind} to call {@link #postJson}, {@link #putJson} or
 * {@link #json}; without it they fail with {@link IllegalStateException}, and the rest works.
 *
 * <p>Threading: the thread of the agent's reactor. Instances are immutable.
 */
public final class Treq {
  /** How much of a body {@link #content}, {@link #text} and {@link #json} read by default. */
  public static final long DEFAULT_MAX_BODY_SIZE = 16L * 1024 * 1024;

  private final Agent agent;
  private final long maxBodySize;
  private final @Nullable JsonCodec json;

  /** Makes requests with {@code agent}, used as it is. */
  public Treq(Agent agent) {
    this(agent, DEFAULT_MAX_BODY_SIZE, null);
  }

  private Treq(Agent agent, long maxBodySize, @Nullable JsonCodec json) {
    this.agent = Objects.requireNonNull(agent, "agent");
    this.maxBodySize = maxBodySize;
    this.json = json;
  }

  /**
   * Returns a Treq on {@code reactor} that decodes compressed bodies, follows redirects and keeps
   * cookies, over a pool of its own: {@code ContentDecoderAgent(RedirectAgent(CookieAgent(
   * Agent.create(reactor), new CookieJar(reactor))))}.
   */
  public static Treq create(Reactor reactor) {
    return new Treq(new ContentDecoderAgent(new RedirectAgent(
        new CookieAgent(Agent.create(reactor), new CookieJar(reactor)))));
  }

  /**
   * Returns a Treq like this one that reads bodies up to {@code maxBytes}.
   *
   * @throws IllegalArgumentException if {@code maxBytes} is negative
   */
  public Treq withMaxBodySize(long maxBytes) {
    if (maxBytes < 0) {
      throw new IllegalArgumentException("maxBytes must not be negative: " + maxBytes);
    }
    return new Treq(agent, maxBytes, json);
  }

  /** Returns a Treq like this one that reads and writes JSON with {@code mapper}. */
  public Treq withObjectMapper(ObjectMapper mapper) {
    return new Treq(agent, maxBodySize, new JsonCodec(Objects.requireNonNull(mapper, "mapper")));
  }

  /** Returns the agent requests go through. */
  public Agent agent() {
    return agent;
  }

  /** Sends a request; as {@link Agent#request}. */
  public Deferred<Response> request(
      HttpMethod method, String url, Headers headers, @Nullable BodyProducer body) {
    return agent.request(method, url, headers, body);
  }

  /** Sends a {@code GET}. */
  public Deferred<Response> get(String url) {
    return get(url, new Headers());
  }

  /** Sends a {@code GET} with {@code headers}. */
  public Deferred<Response> get(String url, Headers headers) {
    return request(HttpMethod.GET, url, headers, null);
  }

  /** Sends a {@code HEAD}. */
  public Deferred<Response> head(String url) {
    return request(HttpMethod.HEAD, url, new Headers(), null);
  }

  /** Sends a {@code DELETE}. */
  public Deferred<Response> delete(String url) {
    return request(HttpMethod.DELETE, url, new Headers(), null);
  }

  /** Sends a {@code POST} of {@code body}. */
  public Deferred<Response> post(String url, Bytes body) {
    return post(url, new Headers(), BodyProducer.of(body));
  }

  /** Sends a {@code POST} with {@code headers} and the body {@code body} produces. */
  public Deferred<Response> post(String url, Headers headers, BodyProducer body) {
    return request(HttpMethod.POST, url, headers, body);
  }

  /** Sends a {@code PUT} of {@code body}. */
  public Deferred<Response> put(String url, Bytes body) {
    return request(HttpMethod.PUT, url, new Headers(), BodyProducer.of(body));
  }

  /** Sends a {@code PATCH} of {@code body}. */
  public Deferred<Response> patch(String url, Bytes body) {
    return request(HttpMethod.PATCH, url, new Headers(), BodyProducer.of(body));
  }

  /**
   * Sends a {@code POST} of {@code value} as JSON, with {@code Content-Type: application/json}.
   * Fails with Jackson's exception if {@code value} cannot be written.
   *
   * @throws IllegalStateException if Jackson is not on the class path
   */
  public Deferred<Response> postJson(String url, Object value) {
    return sendJson(HttpMethod.POST, url, value);
  }

  /** Sends a {@code PUT} of {@code value} as JSON; as {@link #postJson}. */
  public Deferred<Response> putJson(String url, Object value) {
    return sendJson(HttpMethod.PUT, url, value);
  }

  private Deferred<Response> sendJson(HttpMethod method, String url, Object value) {
    JsonCodec codec = codec();
    Headers headers = Headers.of("Content-Type", "application/json");
    return Deferred.maybeDeferred(() -> codec.write(value)).flatMap(
        body -> request(method, url, headers, BodyProducer.of(body)));
  }

  /**
   * Reads the whole body of {@code response}, up to the size bound; as {@link
   * Response#readBody}.
   */
  public Deferred<Bytes> content(Response response) {
    return response.readBody(maxBodySize);
  }

  /**
   * Reads the whole body of {@code response} as text in the charset its {@code Content-Type}
   * names, or UTF-8 when it names none or one unknown here.
   */
  public Deferred<String> text(Response response) {
    Charset charset = charset(response.headers());
    return content(response).map(body -> body.string(charset));
  }

  /**
   * Reads the whole body of {@code response} as JSON into a {@code type}. Fails with Jackson's
   * exception if the body is not JSON of that shape.
   *
   * @throws IllegalStateException if Jackson is not on the class path
   */
  public <T> Deferred<T> json(Response response, Class<T> type) {
    JsonCodec codec = codec();
    return content(response).map(body -> codec.read(body, type));
  }

  private JsonCodec codec() {
    return json != null ? json : JsonCodec.standard();
  }

  private static Charset charset(Headers headers) {
    Optional<String> type = headers.first("Content-Type");
    if (type.isPresent()) {
      for (String parameter : type.get().split(";")) {
        String[] pair = parameter.strip().split("=", 2);
        if (pair.length == 2 && pair[0].strip().toLowerCase(Locale.ROOT).equals("charset")) {
          try {
            return Charset.forName(pair[1].strip().replace("\"", ""));
          } catch (IllegalCharsetNameException | UnsupportedCharsetException unknown) {
            return StandardCharsets.UTF_8;
          }
        }
      }
    }
    return StandardCharsets.UTF_8;
  }

  @Override
  public String toString() {
    return "Treq[" + agent + "]";
  }
}
