package dev.twine.web;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.twine.bytes.Bytes;
import dev.twine.defer.Deferred;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * JSON request and response bodies for web APIs, with Jackson's {@link ObjectMapper}.
 *
 * <pre>{@code
 * Json json = Json.standard();
 * resource.on(HttpMethod.POST, request -> Rendered.later(
 *     json.body(request, Order.class).map(order -> {
 *       request.setResponseCode(201);
 *       return json.write(request, orders.place(order));
 *     })));
 * resource.on(HttpMethod.GET, request -> json.response(request, orders.all()));
 * }</pre>
 *
 * <p>A request body that is not JSON answers itself: {@link #body} fails with an {@link
 * HttpError} that the site turns into {@code 415 Unsupported Media Type} when the {@code
 * Content-Type} is not {@code application/json} or {@code application/...+json}, and into
 * {@code 400 Bad Request} when the JSON is malformed or does not fit the type; the page says
 * where, without echoing the body.
 *
 * <p>Jackson ({@code com.fasterxml.jackson.core:jackson-databind}) is an optional dependency of
 * this module: code that uses this class adds it. Instances are thread-safe when their mapper
 * is, as Jackson's are once configured.
 */
public final class Json {
  /** The media type of the responses. */
  public static final String CONTENT_TYPE = "application/json";

  private final ObjectMapper mapper;

  /** Creates the helper with {@code mapper}, configured as the application needs. */
  public Json(ObjectMapper mapper) {
    this.mapper = Objects.requireNonNull(mapper, "mapper");
  }

  /** Returns a shared helper with an {@link ObjectMapper} in Jackson's default configuration. */
  public static Json standard() {
    return Standard.INSTANCE;
  }

  /** Returns the mapper. */
  public ObjectMapper mapper() {
    return mapper;
  }

  /**
   * Returns the body of {@code request} read as a {@code type}, once it has arrived. It fails
   * with {@link HttpError} 415 or 400 as the class description says, and as {@link
   * Request#content()} fails when the body itself does.
   *
   * @throws IllegalStateException as {@link Request#content()} does
   */
  public <T> Deferred<T> body(Request request, Class<T> type) {
    Objects.requireNonNull(type, "type");
    return body(request, mapper.constructType(type));
  }

  /** Returns the body read as the generic {@code type}, such as {@code List<Order>}, likewise. */
  public <T> Deferred<T> body(Request request, TypeReference<T> type) {
    Objects.requireNonNull(type, "type");
    return body(request, mapper.constructType(type));
  }

  private <T> Deferred<T> body(Request request, JavaType type) {
    if (!isJson(request.header("Content-Type").orElse(""))) {
      return Deferred.fail(new HttpError(415, "The request body must be JSON, sent with"
          + " Content-Type: application/json."));
    }
    return request.content().map(json -> read(json, type));
  }

  private static boolean isJson(String contentType) {
    String media;
    try {
      media = HeaderValue.parse("Content-Type", contentType).value();
    } catch (HttpError malformed) {
      return false;
    }
    return media.equals(CONTENT_TYPE)
        || (media.startsWith("application/") && media.endsWith("+json"));
  }

  private <T> T read(Bytes json, JavaType type) {
    try {
      return mapper.readValue(json.toByteArray(), type);
    } catch (StreamReadException e) {
      throw new HttpError(400, "The request body is not valid JSON" + where(e.getLocation()));
    } catch (JsonProcessingException e) {
      throw new HttpError(400, "The request body does not have the expected form"
          + where(e.getLocation()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String where(@Nullable JsonLocation location) {
    return location == null || location.getLineNr() < 1 ? "."
        : " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ").";
  }

  /**
   * Sets the {@code Content-Type} of the response to {@value #CONTENT_TYPE} and returns {@code
   * value} written as JSON, to be the body: for a {@link Rendered#later} chain.
   *
   * @throws IllegalArgumentException if the mapper cannot write the value
   * @throws IllegalStateException if the response head has been sent
   */
  public Bytes write(Request request, @Nullable Object value) {
    Bytes body;
    try {
      body = Bytes.wrap(mapper.writeValueAsBytes(value));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot write a " + typeName(value) + " as JSON", e);
    }
    request.setHeader("Content-Type", CONTENT_TYPE);
    return body;
  }

  /**
   * Returns the response whose body is {@code value} written as JSON, with {@code Content-Type:
   * application/json}.
   *
   * @throws IllegalArgumentException if the mapper cannot write the value
   * @throws IllegalStateException if the response head has been sent
   */
  public Rendered response(Request request, @Nullable Object value) {
    return Rendered.body(write(request, value));
  }

  private static String typeName(@Nullable Object value) {
    return value == null ? "null" : value.getClass().getName();
  }

  /** Holds the shared helper, made on first use. */
  private static final class Standard {
    static final Json INSTANCE = new Json(new ObjectMapper());
  }
}
