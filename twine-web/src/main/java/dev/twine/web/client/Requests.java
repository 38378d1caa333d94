package dev.twine.web.client;

import dev.twine.web.http.Headers;
import dev.twine.web.http.HttpMethod;
import dev.twine.web.http.MessageEncoder;
import dev.twine.web.http.RequestHead;
import java.util.OptionalLong;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** Builds the head an agent sends: the caller's fields plus {@code Host} and the framing. */
final class Requests {
  /** The methods whose requests carry content, which get {@code Content-Length: 0} without one. */
  private static final Set<HttpMethod> WITH_CONTENT =
      Set.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH);

  /** The idempotent methods of RFC 9110 section 9.2.2, which may be sent twice. */
  private static final Set<HttpMethod> IDEMPOTENT = Set.of(HttpMethod.GET, HttpMethod.HEAD,
      HttpMethod.OPTIONS, HttpMethod.TRACE, HttpMethod.PUT, HttpMethod.DELETE);

  private Requests() {}

  /**
   * Returns the request for {@code method} to {@code uri} with {@code target} in its request
   * line, the caller's {@code headers} (copied, never changed) after a {@code Host} field unless
   * they have one, and the framing of {@code body}.
   *
   * @throws IllegalArgumentException for {@code CONNECT}, for headers holding {@code
   *     Content-Length} or {@code Transfer-Encoding} (the agent sets them from the body), or for
   *     an invalid target or {@code Host}
   */
  static OutgoingRequest build(HttpMethod method, RequestUri uri, String target, Headers headers,
      @Nullable BodyProducer body, boolean persistent) {
    if (method.equals(HttpMethod.CONNECT)) {
      throw new IllegalArgumentException(
          "an agent does not send CONNECT; a ProxyAgent opens tunnels itself");
    }
    for (String framing : new String[] {"Content-Length", "Transfer-Encoding"}) {
      if (headers.contains(framing)) {
        throw new IllegalArgumentException(framing
            + " is set by the agent from the body producer; remove it from the headers");
      }
    }
    Headers fields = new Headers();
    if (!headers.contains("Host")) {
      fields.add("Host", uri.origin().authority());
    }
    for (int i = 0; i < headers.size(); i++) {
      fields.add(headers.name(i), headers.value(i));
    }
    if (body != null) {
      OptionalLong length = body.length();
      if (length.isPresent()) {
        fields.add("Content-Length", Long.toString(length.getAsLong()));
      } else {
        fields.add("Transfer-Encoding", "chunked");
      }
    } else if (WITH_CONTENT.contains(method)) {
      fields.add("Content-Length", "0");
    }
    if (!persistent && !fields.containsToken("Connection", "close")) {
      fields.add("Connection", "close");
    }
    RequestHead head = RequestHead.of(method, target, fields);
    MessageEncoder.request(head);
    return new OutgoingRequest(head, body, uri.text());
  }

  /** Returns whether a request with {@code method} may be sent again after failing. */
  static boolean idempotent(HttpMethod method) {
    return IDEMPOTENT.contains(method);
  }
}
