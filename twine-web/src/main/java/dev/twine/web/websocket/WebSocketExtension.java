package dev.twine.web.websocket;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * One element of a {@code Sec-WebSocket-Extensions} header field (RFC 6455 section 9.1): an
 * extension's name and its parameters, as a client offers it or a server accepts it.
 *
 * <pre>{@code
 * List<WebSocketExtension> offers = WebSocketExtension.parse(
 *     headers.all("Sec-WebSocket-Extensions"));
 * // permessage-deflate; client_max_window_bits, permessage-deflate
 * offers.get(0).parameter("client_max_window_bits");   // Optional[""]: present, no value
 * }</pre>
 *
 * <p>Names and values are tokens; a quoted value is read without its quotes, as RFC 6455 asks.
 * A parameter without a value has the empty string as its value. Names keep their spelling;
 * compare them without regard to case.
 *
 * @param name the extension's name, such as {@code permessage-deflate}
 * @param parameters its parameters, in order
 */
public record WebSocketExtension(String name, List<Parameter> parameters) {

  /**
   * A parameter of an extension.
   *
   * @param name its name
   * @param value its value, empty if it has none
   */
  public record Parameter(String name, String value) {
    /**
     * Creates a parameter.
     *
     * @throws IllegalArgumentException if the name is not a token, or the value is neither empty
     *     nor a token
     */
    public Parameter {
      if (!HandshakeSyntax.isToken(name)) {
        throw new IllegalArgumentException("a parameter name must be a token: \"" + name + "\"");
      }
      if (!value.isEmpty() && !HandshakeSyntax.isToken(value)) {
        throw new IllegalArgumentException(
            "a parameter value must be a token: " + name + "=\"" + value + "\"");
      }
    }

    /** Returns the parameter as written in a header: {@code name} or {@code name=value}. */
    @Override
    public String toString() {
      return value.isEmpty() ? name : name + "=" + value;
    }
  }

  /**
   * Creates an extension.
   *
   * @throws IllegalArgumentException if the name is not a token
   */
  public WebSocketExtension {
    if (!HandshakeSyntax.isToken(name)) {
      throw new IllegalArgumentException("an extension name must be a token: \"" + name + "\"");
    }
    parameters = List.copyOf(parameters);
  }

  /** Returns the extension {@code name} with {@code parameters}. */
  public static WebSocketExtension of(String name, Parameter... parameters) {
    return new WebSocketExtension(name, List.of(parameters));
  }

  /**
   * Returns the extensions listed in the values of {@code Sec-WebSocket-Extensions} fields, in
   * order.
   *
   * @throws IllegalArgumentException if a value breaks the grammar, naming where
   */
  public static List<WebSocketExtension> parse(List<String> values) {
    return HandshakeSyntax.extensions(values);
  }

  /** Returns {@code extensions} as the value of one {@code Sec-WebSocket-Extensions} field. */
  public static String format(List<WebSocketExtension> extensions) {
    return extensions.stream().map(WebSocketExtension::toString).collect(Collectors.joining(", "));
  }

  /** Returns the value of the first parameter named {@code name}, ignoring case, if there is one. */
  public Optional<String> parameter(String name) {
    for (Parameter parameter : parameters) {
      if (parameter.name().equalsIgnoreCase(name)) {
        return Optional.of(parameter.value());
      }
    }
    return Optional.empty();
  }

  /** Returns whether the extension is named {@code name}, ignoring case. */
  public boolean named(String name) {
    return this.name.equalsIgnoreCase(Objects.requireNonNull(name, "name"));
  }

  /** Returns the extension as written in a header, such as {@code permessage-deflate; a=1}. */
  @Override
  public String toString() {
    StringBuilder text = new StringBuilder(name);
    for (Parameter parameter : parameters) {
      text.append("; ").append(parameter);
    }
    return text.toString();
  }
}
