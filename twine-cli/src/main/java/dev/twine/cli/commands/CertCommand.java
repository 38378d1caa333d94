package dev.twine.cli.commands;

import dev.twine.application.Service;
import dev.twine.cli.TwineCommand;
import dev.twine.defer.Deferred;
import dev.twine.internet.Reactor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code twine cert --host localhost --out DIR}: writes a self-signed certificate
 * ({@code DIR/cert.pem}) and its private key ({@code DIR/key.pem}, readable by its owner only) for
 * development, then exits, so that TLS works in two commands:
 *
 * <pre>{@code
 * $ twine cert --host localhost --out dev-tls
 * $ twine echo --listen ssl:8443:privateKey=dev-tls/key.pem:certKey=dev-tls/cert.pem
 * $ curl --cacert dev-tls/cert.pem https://localhost:8443/
 * }</pre>
 *
 * <p>It never overwrites: if either file exists, it says so and exits with code 2.
 */
@Command(description = "Writes a self-signed certificate (cert.pem) and its private key (key.pem) "
    + "for development, then exits.")
public final class CertCommand implements TwineCommand {
  private static final System.Logger LOG = System.getLogger("twine");
  private static final List<String> DEFAULT_HOSTS = List.of("localhost", "127.0.0.1", "::1");

  @Spec private @Nullable CommandSpec spec;

  @Option(names = "--host", paramLabel = "NAME",
      description = "A host name or IP address the certificate is for; repeat for more "
          + "(default: localhost, 127.0.0.1 and ::1).")
  private List<String> hosts = new ArrayList<>();

  @Option(names = "--out", paramLabel = "DIR", required = true,
      description = "The directory to write cert.pem and key.pem to; made if missing.")
  private Path out = Path.of(".");

  @Option(names = "--days", paramLabel = "N", defaultValue = "90",
      description = "How many days the certificate is valid (default: ${DEFAULT-VALUE}).")
  private int days;

  /** Creates the command; {@code twine} finds it with {@code ServiceLoader}. */
  public CertCommand() {}

  @Override
  public String name() {
    return "cert";
  }

  /**
   * Returns a service that writes the files once the reactor runs, then stops it.
   *
   * @throws ParameterException if {@code --days} is not positive, a host is blank, or a file to
   *     write already exists or {@code --out} is not a directory
   */
  @Override
  public Service makeService(Reactor reactor) {
    List<String> names = hosts.isEmpty() ? DEFAULT_HOSTS : List.copyOf(hosts);
    if (days < 1) {
      throw usage("--days must be at least 1, not " + days);
    }
    for (String host : names) {
      if (host.isBlank() || host.chars().anyMatch(Character::isWhitespace)) {
        throw usage("--host must be a host name or an IP address, not \"" + host + "\"");
      }
    }
    if (Files.exists(out) && !Files.isDirectory(out)) {
      throw usage(out + " is not a directory");
    }
    for (Path file : List.of(out.resolve("cert.pem"), out.resolve("key.pem"))) {
      if (Files.exists(file)) {
        throw usage(file + " already exists; remove it or choose another --out");
      }
    }
    return new Writing(reactor, names);
  }

  private ParameterException usage(String message) {
    CommandSpec command = spec;
    if (command == null) {
      throw new IllegalStateException("picocli did not inject the command spec");
    }
    return new ParameterException(command.commandLine(), message);
  }

  /** Writes the certificate and key when started, then stops the reactor. */
  private final class Writing implements Service {
    private final Reactor reactor;
    private final List<String> names;
    private boolean running;

    Writing(Reactor reactor, List<String> names) {
      this.reactor = reactor;
      this.names = names;
    }

    @Override
    public void startService() {
      if (running) {
        return;
      }
      running = true;
      SelfSignedCertificate made = SelfSignedCertificate.create(names, Duration.ofDays(days));
      Path certificate = out.resolve("cert.pem");
      Path key = out.resolve("key.pem");
      try {
        Files.createDirectories(out);
        write(key, made.privateKeyPem(), true);
        write(certificate, made.certificatePem(), false);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write to " + out + ": " + e.getMessage(), e);
      }
      LOG.log(System.Logger.Level.INFO, "wrote {0} (self-signed for {1}, valid {2} days) and its key {3}",
          certificate, String.join(", ", names), days, key);
      LOG.log(System.Logger.Level.INFO, "serve with: twine echo --listen ssl:8443:privateKey={0}:certKey={1}",
          escaped(key), escaped(certificate));
      LOG.log(System.Logger.Level.INFO, "trust it with: curl --cacert {0} https://{1}:8443/",
          certificate, urlHost(names.get(0)));
      reactor.stop();
    }

    @Override
    public Deferred<@Nullable Void> stopService() {
      running = false;
      return Deferred.succeed(null);
    }

    @Override
    public boolean running() {
      return running;
    }
  }

  /** Writes {@code text} to a new file, readable by its owner only if {@code secret}. */
  private static void write(Path file, String text, boolean secret) throws IOException {
    if (secret && file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      Files.writeString(file, text, StandardOpenOption.TRUNCATE_EXISTING);
    } else {
      Files.writeString(file, text, StandardOpenOption.CREATE_NEW);
    }
  }

  /** Escapes a path for an endpoint string, where colons and backslashes are special. */
  private static String escaped(Path path) {
    return path.toString().replace("\\", "\\\\").replace(":", "\\:");
  }

  private static String urlHost(String host) {
    return host.contains(":") ? "[" + host + "]" : host;
  }
}
