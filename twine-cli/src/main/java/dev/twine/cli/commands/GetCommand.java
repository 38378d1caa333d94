package dev.twine.cli.commands;

import dev.twine.application.Service;
import dev.twine.cli.TwineCommand;
import dev.twine.internet.Reactor;
import dev.twine.internet.tls.KeyMaterialException;
import dev.twine.internet.tls.TrustRoots;
import dev.twine.web.client.AgentOptions;
import dev.twine.web.http.Headers;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code twine get URL [-H "Name: value"]... [-o FILE] [--cacert FILE] [--insecure]}: fetches an
 * {@code http} or {@code https} URL, following redirects and decoding compressed bodies, and
 * writes the body to stdout or to a file.
 *
 * <p>For {@code https}, the server's certificate must chain to the system's trust roots (or to
 * those of {@code --cacert}) and name the host of the URL; {@code --insecure}, like curl's, drops
 * both checks and accepts any certificate.
 *
 * <p>Exit codes: 0 for a 2xx final status; 1 for any other status (the body is still written,
 * and the status goes to stderr) or a response that broke off; 2, with one line on stderr, when
 * the host cannot be resolved or reached, or the TLS handshake fails (a certificate that is not
 * trusted or does not name the host).
 */
@Command(description = "Fetches an http or https URL and writes its body to stdout (or to a file"
    + " with -o); exits 0 for a 2xx status, 1 otherwise, 2 if the host cannot be resolved or"
    + " reached or its TLS certificate is refused.")
public final class GetCommand implements TwineCommand {
  @Spec private @Nullable CommandSpec spec;

  @Parameters(paramLabel = "URL", description = "The http or https URL to fetch.")
  private String url = "";

  @Option(names = {"-H", "--header"}, paramLabel = "'NAME: VALUE'",
      description = "A header field to send. Repeat to send several.")
  private List<String> headers = new ArrayList<>();

  @Option(names = {"-o", "--output"}, paramLabel = "FILE",
      description = "Save the body to FILE instead of writing it to stdout.")
  private @Nullable Path output;

  @Option(names = "--cacert", paramLabel = "FILE",
      description = "Trust https servers whose certificates chain to the PEM certificates in FILE"
          + " (or in the .pem/.crt files of a directory) instead of the system's trust roots.")
  private @Nullable Path cacert;

  @Option(names = {"-k", "--insecure"},
      description = "INSECURE: accept any https certificate without checking it (self-signed,"
          + " expired, for another host), so anyone on the path can pose as the server."
          + " Prefer --cacert with the server's certificate.")
  private boolean insecure;

  private @Nullable Fetch fetch;

  /** Creates the command; {@code twine} finds it with {@code ServiceLoader}. */
  public GetCommand() {}

  @Override
  public String name() {
    return "get";
  }

  /**
   * Returns the service that makes the request once the reactor runs and stops the reactor when
   * the body has been written.
   *
   * @throws ParameterException if the URL is not an http URL or a header is not {@code Name:
   *     value}
   */
  @Override
  public Service makeService(Reactor reactor) {
    checkUrl();
    Fetch made = new Fetch(reactor, url, fields(), output, agentOptions());
    fetch = made;
    return made;
  }

  @Override
  public int exitCode() {
    Fetch made = fetch;
    return made == null ? 0 : made.exitCode();
  }

  private void checkUrl() {
    try {
      URI parsed = new URI(url);
      String scheme = parsed.getScheme() == null ? "" : parsed.getScheme().toLowerCase(Locale.ROOT);
      if (!(scheme.equals("http") || scheme.equals("https")) || parsed.getHost() == null) {
        throw usage("URL must be an absolute http or https URL with a host: \"" + url + "\"");
      }
    } catch (URISyntaxException e) {
      throw usage("invalid URL \"" + url + "\": " + e.getMessage());
    }
  }

  private AgentOptions agentOptions() {
    AgentOptions options = AgentOptions.DEFAULT;
    Path roots = cacert;
    if (roots != null) {
      try {
        options = options.withTrustRoots(TrustRoots.load(roots));
      } catch (KeyMaterialException e) {
        throw usage("--cacert: " + e.getMessage());
      }
    }
    return insecure ? options.insecureTrustAnyCertificate() : options;
  }

  private Headers fields() {
    try {
      return HeaderFields.parse(headers);
    } catch (IllegalArgumentException e) {
      throw usage(e.getMessage());
    }
  }

  private ParameterException usage(String message) {
    CommandSpec current = spec;
    if (current == null) {
      throw new IllegalStateException("picocli did not inject the command spec");
    }
    return new ParameterException(current.commandLine(), message);
  }
}
