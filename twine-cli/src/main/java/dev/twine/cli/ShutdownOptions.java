package dev.twine.cli;

import dev.twine.application.MultiService;
import dev.twine.web.Site;
import dev.twine.web.SiteShutdown;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/**
 * The {@code --shutdown-timeout DURATION} option of web server commands, a picocli mixin: how
 * long a graceful shutdown (Ctrl-C, SIGTERM) lets the requests under way finish before the
 * connections left are aborted. Durations are written {@code 10s}, {@code 500ms}, {@code 2m} or
 * a bare number of seconds; the default is {@link #DEFAULT}.
 *
 * <pre>{@code
 * @Mixin private ShutdownOptions shutdown = new ShutdownOptions();
 * ...
 * Site site = new Site(root, reactor);
 * return shutdown.drain(listen.service(reactor, site), site);
 * }</pre>
 *
 * <p>Threading: used on the main thread while the command line is parsed and the service built.
 */
public final class ShutdownOptions {
  /** The default deadline of a graceful shutdown: 10 seconds. */
  public static final Duration DEFAULT = Duration.ofSeconds(10);

  @Option(
      names = "--shutdown-timeout",
      paramLabel = "DURATION",
      converter = DurationConverter.class,
      description = {
        "How long a graceful shutdown waits for the requests under way before aborting the"
            + " connections left (default: 10s). Examples: 10s  500ms  1m  0"
      })
  private Duration timeout = DEFAULT;

  /** Creates the option with its default; picocli fills it in. */
  public ShutdownOptions() {}

  /** Returns the deadline given, or {@link #DEFAULT}. */
  public Duration timeout() {
    return timeout;
  }

  /**
   * Adds to {@code service} a {@link SiteShutdown} of {@code site} with this deadline, so that
   * stopping the tree shuts the site down gracefully, and returns {@code service}.
   */
  public MultiService drain(MultiService service, Site site) {
    Objects.requireNonNull(service, "service");
    service.addService(new SiteShutdown(Objects.requireNonNull(site, "site"), timeout));
    return service;
  }

  /** Reads {@code 10s}, {@code 500ms}, {@code 2m} or a bare number of seconds. */
  static final class DurationConverter implements ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
      String text = value.strip().toLowerCase(Locale.ROOT);
      try {
        Duration parsed;
        if (text.endsWith("ms")) {
          parsed = Duration.ofMillis(Long.parseLong(text.substring(0, text.length() - 2)));
        } else if (text.endsWith("s")) {
          parsed = Duration.ofSeconds(Long.parseLong(text.substring(0, text.length() - 1)));
        } else if (text.endsWith("m")) {
          parsed = Duration.ofMinutes(Long.parseLong(text.substring(0, text.length() - 1)));
        } else {
          parsed = Duration.ofSeconds(Long.parseLong(text));
        }
        if (parsed.isNegative()) {
          throw new TypeConversionException("a duration must not be negative: " + value);
        }
        return parsed;
      } catch (NumberFormatException e) {
        throw new TypeConversionException(
            "not a duration such as 10s, 500ms or 1m: '" + value + "'");
      }
    }
  }
}
