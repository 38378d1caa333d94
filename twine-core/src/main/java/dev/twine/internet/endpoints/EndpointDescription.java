package dev.twine.internet.endpoints;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * An endpoint string split by Twisted's grammar: a prefix, positional arguments and
 * {@code name=value} parameters, separated by colons. A backslash escapes the next character,
 * so {@code tcp6:8080:interface=\:\:1} has the interface {@code ::1}; after {@code =}, only a colon
 * ends the value.
 *
 * <p>Parsers read what they need through the typed accessors, which fail with an
 * {@link EndpointSyntaxException} naming the offending part, then call {@link #requireOnly} so a
 * misspelt parameter is an error rather than silently ignored.
 *
 * @param text the whole string, for messages
 * @param prefix the endpoint type, such as {@code tcp}
 * @param arguments the positional arguments after the prefix
 * @param parameters the named parameters, in order
 */
public record EndpointDescription(
    String text, String prefix, List<String> arguments, Map<String, String> parameters) {
  private static final Pattern DECIMAL = Pattern.compile("[0-9]+(\\.[0-9]*)?|\\.[0-9]+");

  /** Copies the collections. */
  public EndpointDescription {
    arguments = List.copyOf(arguments);
    parameters = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
  }

  /**
   * Splits {@code text} into prefix, arguments and parameters.
   *
   * @throws EndpointSyntaxException if it is empty, does not start with a prefix, ends in a lone
   *     backslash, or repeats a parameter (Twisted keeps the last one)
   */
  public static EndpointDescription parse(String text) {
    List<String> arguments = new ArrayList<>();
    Map<String, String> parameters = new LinkedHashMap<>();
    StringBuilder current = new StringBuilder();
    @Nullable String name = null;
    boolean inValue = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\\') {
        if (++i == text.length()) {
          throw new EndpointSyntaxException(text, "it ends with a lone backslash");
        }
        current.append(text.charAt(i));
      } else if (c == ':') {
        name = addPart(text, arguments, parameters, name, current.toString());
        current.setLength(0);
        inValue = false;
      } else if (c == '=' && !inValue) {
        name = current.toString();
        current.setLength(0);
        inValue = true;
      } else {
        current.append(c);
      }
    }
    addPart(text, arguments, parameters, name, current.toString());
    if (arguments.isEmpty() || arguments.get(0).isEmpty()) {
      throw new EndpointSyntaxException(text, "it must start with a type such as tcp: or unix:");
    }
    String prefix = arguments.remove(0);
    return new EndpointDescription(text, prefix, arguments, parameters);
  }

  private static @Nullable String addPart(String text, List<String> arguments,
      Map<String, String> parameters, @Nullable String name, String value) {
    if (name != null && arguments.isEmpty()) {
      throw new EndpointSyntaxException(text,
          "it must start with a type such as tcp: or unix:, not the parameter \"" + name + "\"");
    }
    if (name == null) {
      arguments.add(value);
    } else if (parameters.put(name, value) != null) {
      throw new EndpointSyntaxException(text, "parameter \"" + name + "\" is given twice");
    }
    return null;
  }

  /**
   * Returns the value given by name, or else as the positional argument at {@code position}
   * (negative for a parameter that has no position).
   */
  public Optional<String> value(String name, int position) {
    String named = parameters.get(name);
    if (named != null) {
      return Optional.of(named);
    }
    return position >= 0 && position < arguments.size()
        ? Optional.of(arguments.get(position)) : Optional.empty();
  }

  /** Returns the value of a required part, or fails naming it. */
  public String required(String name, int position) {
    return value(name, position).orElseThrow(
        () -> new EndpointSyntaxException(text, "missing " + name));
  }

  /** Returns a port: a number from 0 to 65535. */
  public int port(String name, int position) {
    return integer(name, required(name, position), 0, 65535);
  }

  /** Returns an optional whole number within {@code [min, max]}, or {@code otherwise}. */
  public int integer(String name, int position, int otherwise, int min, int max) {
    return value(name, position).map(v -> integer(name, v, min, max)).orElse(otherwise);
  }

  /**
   * Returns an optional duration given in seconds as a decimal number such as {@code 30} or
   * {@code 2.5}, or {@code otherwise}; it must be at least a nanosecond.
   */
  public Duration seconds(String name, Duration otherwise) {
    Optional<String> given = value(name, -1);
    if (given.isEmpty()) {
      return otherwise;
    }
    String value = given.get();
    if (DECIMAL.matcher(value).matches()) {
      Duration duration = Duration.ofNanos((long) (Double.parseDouble(value) * 1e9));
      if (!duration.isZero()) {
        return duration;
      }
    }
    throw new EndpointSyntaxException(text,
        name + " must be a positive number of seconds, not \"" + value + "\"");
  }

  /** Returns an optional boolean given as {@code 1}/{@code 0}, {@code true}/{@code false} or {@code yes}/{@code no}. */
  public boolean flag(String name, boolean otherwise) {
    return value(name, -1).map(v -> switch (v.toLowerCase(java.util.Locale.ROOT)) {
      case "1", "true", "yes" -> true;
      case "0", "false", "no" -> false;
      default -> throw new EndpointSyntaxException(text,
          name + " must be 1 or 0 (or true/false), not \"" + v + "\"");
    }).orElse(otherwise);
  }

  /** Returns a file path from a required part; it must be a valid path on this system. */
  public Path path(String name, int position) {
    String value = required(name, position);
    if (value.isEmpty()) {
      throw new EndpointSyntaxException(text, name + " must not be empty");
    }
    try {
      return Path.of(value);
    } catch (InvalidPathException e) {
      throw new EndpointSyntaxException(text, name + " is not a valid path: " + e.getReason());
    }
  }

  /**
   * Fails if a parameter is not one of {@code known}, or if there are more than
   * {@code maxArguments} positional arguments.
   */
  public void requireOnly(int maxArguments, String... known) {
    Set<String> allowed = new HashSet<>(List.of(known));
    for (String name : parameters.keySet()) {
      if (!allowed.contains(name)) {
        throw new EndpointSyntaxException(text, "unknown parameter \"" + name + "\" for " + prefix
            + " (known: " + String.join(", ", new TreeSet<>(allowed)) + ")");
      }
    }
    if (arguments.size() > maxArguments) {
      throw new EndpointSyntaxException(text, "unexpected argument \"" + arguments.get(maxArguments)
          + "\" (" + prefix + " takes at most " + maxArguments + " positional argument"
          + (maxArguments == 1 ? "" : "s") + ")");
    }
  }

  private int integer(String name, String value, int min, int max) {
    try {
      int parsed = Integer.parseInt(value);
      if (parsed >= min && parsed <= max && value.chars().allMatch(c -> c >= '0' && c <= '9')) {
        return parsed;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new EndpointSyntaxException(text,
        name + " must be a number from " + min + " to " + max + ", not \"" + value + "\"");
  }
}
