package dev.twine.cli;

import dev.twine.application.MultiService;
import dev.twine.internet.Reactor;
import dev.twine.internet.ReactorCore.Phase;
import dev.twine.internet.ReactorCore.SystemEvent;
import dev.twine.web.Site;
import dev.twine.web.SiteShutdown;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;
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
  /**
   * Returns a service that serves the sites {@code sites} makes, one per reactor ({@link
   * ReactorsOption}), on every endpoint of {@code listen}, each site shutting down gracefully
   * within {@link #timeout()} when its reactor shuts down: on {@code reactor} itself through a
   * {@link SiteShutdown} in the tree, on the reactors of a group through a "before shutdown"
   * trigger of each, run on its own thread.
   */
  public MultiService serve(Reactor reactor, ListenOptions listen, ReactorsOption reactors,
      Function<? super Reactor, Site> sites) {
    Objects.requireNonNull(sites, "sites");
    if (reactors.count() == 1) {
      Site site = sites.apply(reactor);
      return drain(listen.service(reactor, site), site);
    }
    return reactors.service(reactor, listen, each -> {
      Site site = sites.apply(each);
      each.addSystemEventTrigger(Phase.BEFORE, SystemEvent.SHUTDOWN, () -> site.shutDown(timeout));
      return site;
    }, timeout);
  }

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
