package dev.twine.cli.commands;

import dev.twine.application.Service;
import dev.twine.cli.ListenOptions;
import dev.twine.cli.ReactorsOption;
import dev.twine.cli.ShutdownOptions;
import dev.twine.cli.TwineCommand;
import dev.twine.internet.Reactor;
import dev.twine.internet.ReactorCore.Phase;
import dev.twine.internet.ReactorCore.SystemEvent;
import dev.twine.web.AccessLog;
import dev.twine.web.Resource;
import dev.twine.web.ReverseProxyResource;
import dev.twine.web.Site;
import dev.twine.web.client.Agent;
import dev.twine.web.client.AgentOptions;
import dev.twine.web.client.ConnectionPool;
import dev.twine.web.files.FileOptions;
import dev.twine.web.files.FileResource;
import dev.twine.web.files.MimeTypes;
import dev.twine.web.http.Headers;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code twine web --path DIR --listen ENDPOINT [--reactors N] [--index FILE]... [--no-listing]
 * [--logfile FILE] [--add-header "Name: value"]... [--mime-type EXT=TYPE]... [--proxy
 * /PREFIX=URL]... [--shutdown-timeout DURATION]}: serves a directory over HTTP (Twisted's {@code twist web --path}) with a
 * {@link FileResource}, which sends the bodies of files with {@code Request.writeFile} (zero-copy
 * over plain TCP).
 *
 * <p>With {@code --proxy /api=http://127.0.0.1:9000}, the requests for {@code /api} and every
 * path below it go instead to that upstream server through a {@link ReverseProxyResource} (its
 * path after the prefix, the query, the body and the client's headers with {@code
 * X-Forwarded-For} and friends added), and its answers come back; {@code 502} if it cannot be
 * reached, {@code 504} if its response has not begun within 60 seconds.
 *
 * <p>With {@code --logfile}, every request is appended to the file in the Combined Log Format
 * ({@link AccessLog}); the file is flushed and closed once the reactor has shut down.
 *
 * <p>With {@code --reactors N}, N reactors serve the connections ({@link ReactorsOption}), each
 * with a site of its own over the one tree of resources and the one access log.
 */
@Command(description = "Serves the files of a directory over HTTP: ranges, conditional requests,"
    + " index files and directory listings.")
public final class WebCommand implements TwineCommand {
  private static final Duration PROXY_TIMEOUT = Duration.ofSeconds(60);

  @Spec private @Nullable CommandSpec spec;

  @Mixin private ListenOptions listen = new ListenOptions();
  @Mixin private ReactorsOption reactors = new ReactorsOption();
  @Mixin private ShutdownOptions shutdown = new ShutdownOptions();

  @Option(names = "--path", paramLabel = "DIR", required = true,
      description = "The directory to serve.")
  private Path path = Path.of(".");

  @Option(names = "--index", paramLabel = "FILE",
      description = "A file that answers for its directory, tried in order. Repeat to give"
          + " several; the default is index.html.")
  private List<String> indexNames = new ArrayList<>();

  @Option(names = "--no-listing",
      description = "Answer 403 for a directory without an index file instead of listing it.")
  private boolean noListing;

  @Option(names = "--logfile", paramLabel = "FILE",
      description = "Append an access log line per request to FILE (Combined Log Format).")
  private @Nullable Path logfile;

  @Option(names = "--add-header", paramLabel = "'NAME: VALUE'",
      description = "A header field to add to every response. Repeat to add several.")
  private List<String> headers = new ArrayList<>();

  @Option(names = "--mime-type", paramLabel = "EXT=TYPE",
      description = "The Content-Type of files ending in .EXT, such as log=text/plain. Repeat"
          + " for several.")
  private List<String> mimeTypes = new ArrayList<>();

  @Option(names = "--proxy", paramLabel = "/PREFIX=URL",
      description = "Forward the requests for /PREFIX and the paths below it to the http or https"
          + " URL, such as /api=http://127.0.0.1:9000 (a reverse proxy). Repeat for several.")
  private List<String> proxies = new ArrayList<>();

  /** Creates the command; {@code twine} finds it with {@code ServiceLoader}. */
  public WebCommand() {}

  @Override
  public String name() {
    return "web";
  }

  /**
   * Returns the service that serves the directory on every {@code --listen} endpoint.
   *
   * @throws ParameterException if {@code --path} is not a directory, the log file cannot be
   *     opened, or an index name, header, MIME type or proxy option is not valid
   */
  @Override
  public Service makeService(Reactor reactor) {
    if (!Files.isDirectory(path)) {
      throw usage("--path must be a directory: " + path);
    }
    // The first root checks the options at once; every other reactor gets a root of its own, as
    // a proxy's agent belongs to one reactor.
    Resource first = root(reactor);
    Function<Reactor, Resource> rootOn = each -> each == reactor ? first : root(each);
    Path logPath = logfile;
    if (logPath == null) {
      return shutdown.serve(reactor, listen, reactors, each -> new Site(rootOn.apply(each), each));
    }
    AccessLog log;
    try {
      log = AccessLog.toFile(logPath);
    } catch (UncheckedIOException e) {
      throw usage("cannot open the log file " + logPath + ": " + e.getCause().getMessage());
    }
    reactor.addSystemEventTrigger(Phase.AFTER, SystemEvent.SHUTDOWN, () -> {
      log.close();
      return null;
    });
    return shutdown.serve(reactor, listen, reactors, each -> new Site(rootOn.apply(each), each).withLog(log));
  }

  /** Returns the files, with the proxies mounted over them, served on {@code reactor}. */
  private Resource root(Reactor reactor) {
    try {
      Headers added = HeaderFields.parse(headers);
      UnaryOperator<Resource> withHeaders =
          leaf -> added.isEmpty() ? leaf : new AddHeaders(leaf, added);
      Resource files = withHeaders.apply(new FileResource(path, options()));
      ProxyRoutes routes = ProxyRoutes.parse(proxies);
      return routes.isEmpty() ? files : routes.mount(files, proxyAgent(reactor), withHeaders);
    } catch (IllegalArgumentException e) {
      throw usage(e.getMessage());
    }
  }

  /** Returns the agent of the proxies, whose idle connections close when the reactor stops. */
  private static Agent proxyAgent(Reactor reactor) {
    ConnectionPool pool = new ConnectionPool(reactor);
    reactor.addSystemEventTrigger(Phase.BEFORE, SystemEvent.SHUTDOWN, pool::closeCachedConnections);
    return Agent.create(reactor, pool, AgentOptions.DEFAULT.withResponseTimeout(PROXY_TIMEOUT));
  }

  private FileOptions options() {
    MimeTypes types = MimeTypes.DEFAULT;
    for (String mapping : mimeTypes) {
      int equals = mapping.indexOf('=');
      if (equals <= 0) {
        throw new IllegalArgumentException(
            "a MIME type must be given as EXT=TYPE, such as log=text/plain: \"" + mapping + "\"");
      }
      types = types.withType(mapping.substring(0, equals), mapping.substring(equals + 1));
    }
    FileOptions options = FileOptions.DEFAULT.withListDirectories(!noListing)
        .withMimeTypes(types);
    return indexNames.isEmpty() ? options : options.withIndexNames(indexNames);
  }

  private ParameterException usage(String message) {
    CommandSpec current = spec;
    if (current == null) {
      throw new IllegalStateException("picocli did not inject the command spec");
    }
    return new ParameterException(current.commandLine(), message);
  }
}
