package dev.twine.cli;

import dev.twine.application.Service;
import dev.twine.internet.Reactor;

/**
 * A subcommand of {@code twine} (Twisted's {@code IServiceMaker}): {@code twine NAME [OPTIONS]}
 * builds the command's service tree, starts it once the reactor runs and stops it on shutdown.
 *
 * <p>Commands are found with {@link java.util.ServiceLoader}, so a module adds one by providing
 * this interface ({@code provides dev.twine.cli.TwineCommand with ...} in its
 * {@code module-info.java}, and a {@code META-INF/services/dev.twine.cli.TwineCommand} line for
 * the class path). The built-in {@code echo} and {@code chat} are found the same way.
 *
 * <p>The object is also the picocli command: annotate its class with {@code @Command} (for the
 * description) and its fields with {@code @Option}, {@code @Parameters} or {@code @Mixin}, such
 * as {@link ListenOptions}; {@code twine} parses the arguments into it before calling
 * {@link #makeService}. On the module path, open the package to {@code info.picocli}.
 *
 * <pre>{@code
 * @Command(description = "Echoes every byte back.")
 * public final class EchoCommand implements TwineCommand {
 *   @Mixin private ListenOptions listen = new ListenOptions();
 *
 *   public String name() { return "echo"; }
 *
 *   public Service makeService(Reactor reactor) {
 *     return listen.service(reactor, Factory.forProtocol(Echo::new));
 *   }
 * }
 * }</pre>
 */
public interface TwineCommand {

  /** Returns the name typed after {@code twine}, such as {@code "echo"}; unique among commands. */
  String name();

  /**
   * Returns the service tree this command runs, built from the parsed options. It is called once,
   * on the main thread, before the reactor runs; it must not start anything itself.
   *
   * <p>The {@link dev.twine.application.StreamServerEndpointService}s found in the tree (through
   * {@link dev.twine.application.MultiService}s), and the datagram listeners that
   * {@link ListenOptions} builds, are watched: {@code twine} logs the address each one listens on,
   * and exits with code 2 and one line on stderr if one cannot listen.
   *
   * @throws dev.twine.internet.endpoints.EndpointSyntaxException if an endpoint string is not
   *     valid: {@code twine} prints its message on one line and exits with code 2
   */
  Service makeService(Reactor reactor);

  /**
   * Returns the code {@code twine} exits with once the reactor has stopped, when nothing failed
   * on the way (an endpoint that cannot listen still exits with 2). A command that does one job
   * and ends, such as {@code get}, stops the reactor itself when done and tells how it went here;
   * the default, for servers, is 0.
   *
   * <p>Threading: called on the main thread after the reactor has stopped.
   */
  default int exitCode() {
    return 0;
  }
}
