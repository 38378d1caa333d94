package dev.twine.web.client;

import dev.twine.defer.Deferred;
import dev.twine.web.http.Headers;
import dev.twine.web.http.HttpMethod;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * An agent that asks for compressed responses and decodes them (Twisted's {@code
 * ContentDecoderAgent} with its gzip decoder, plus deflate): it sends {@code Accept-Encoding:
 * gzip, deflate} unless the caller chose an {@code Accept-Encoding}, and a response whose {@code
 * Content-Encoding} ends with codings it knows comes back with its body decoded, those codings
 * removed from the field, and no {@code Content-Length}.
 *
 * <pre>{@code
 * Agent agent = new ContentDecoderAgent(Agent.create(reactor), 100L << 20);
 * }</pre>
 *
 * <p>A body that decodes to more than the limit fails with {@link ResponseFailed} caused by
 * {@link BodyTooLarge}, as soon as it passes it (compression bombs stay harmless); one that does
 * not decode, or is cut short, fails with {@link ResponseFailed} caused by a {@code
 * java.util.zip.DataFormatException}. Either way the connection is aborted.
 */
public final class ContentDecoderAgent implements Agent {
  /** The default limit on a decoded body: 64 MiB. */
  public static final long DEFAULT_MAX_DECODED_SIZE = 64L * 1024 * 1024;

  private final Agent agent;
  private final long maxDecodedSize;

  /** Wraps {@code agent}, decoding bodies up to {@link #DEFAULT_MAX_DECODED_SIZE}. */
  public ContentDecoderAgent(Agent agent) {
    this(agent, DEFAULT_MAX_DECODED_SIZE);
  }

  /**
   * Wraps {@code agent}, decoding bodies up to {@code maxDecodedSize} bytes.
   *
   * @throws IllegalArgumentException if {@code maxDecodedSize} is negative
   */
  public ContentDecoderAgent(Agent agent, long maxDecodedSize) {
    this.agent = Objects.requireNonNull(agent, "agent");
    if (maxDecodedSize < 0) {
      throw new IllegalArgumentException("maxDecodedSize must not be negative: " + maxDecodedSize);
    }
    this.maxDecodedSize = maxDecodedSize;
  }

  @Override
  public Deferred<Response> request(
      HttpMethod method, String uri, Headers headers, @Nullable BodyProducer body) {
    Headers asking = headers;
    if (!headers.contains("Accept-Encoding")) {
      asking = headers.copy().add("Accept-Encoding", "gzip, deflate");
    }
    return agent.request(method, uri, asking, body).map(this::decode);
  }

  /** Returns {@code response} with the codings it knows, from the last, undone. */
  private Response decode(Response response) {
    List<String> codings = new ArrayList<>();
    for (String value : response.headers().all("Content-Encoding")) {
      for (String coding : value.split(",")) {
        String name = coding.strip().toLowerCase(Locale.ROOT);
        if (!name.isEmpty() && !name.equals("identity")) {
          codings.add(name);
        }
      }
    }
    Response decoded = response;
    while (!codings.isEmpty()) {
      Supplier<Decoder> decoder = decoderFor(codings.get(codings.size() - 1));
      if (decoder == null) {
        break;
      }
      codings.remove(codings.size() - 1);
      Headers fields = decoded.headers().copy();
      fields.remove("Content-Length");
      fields.remove("Content-Encoding");
      if (!codings.isEmpty()) {
        fields.add("Content-Encoding", String.join(", ", codings));
      }
      decoded = decoded.withBody(fields, OptionalLong.empty(),
          new DecodingBody(decoded, decoder, maxDecodedSize));
    }
    return decoded;
  }

  private static @Nullable Supplier<Decoder> decoderFor(String coding) {
    return switch (coding) {
      case "gzip", "x-gzip" -> GzipDecoder::new;
      case "deflate" -> DeflateDecoder::new;
      default -> null;
    };
  }

  @Override
  public String toString() {
    return "ContentDecoderAgent[" + agent + "]";
  }
}
