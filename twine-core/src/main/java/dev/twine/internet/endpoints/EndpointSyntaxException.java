package dev.twine.internet.endpoints;

/**
 * An endpoint string that cannot be used: its message names the string and the offending part,
 * such as {@code invalid endpoint "tcp:80x": port must be a number from 0 to 65535, not "80x"}.
 */
public final class EndpointSyntaxException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  /** Creates one for {@code description} and what is wrong with it. */
  public EndpointSyntaxException(String description, String problem) {
    super("invalid endpoint \"" + description + "\": " + problem);
  }
}
