package dev.twine.internet.tls;

import dev.twine.internet.Reactor;
import dev.twine.internet.endpoints.EndpointDescription;
import dev.twine.internet.endpoints.EndpointSyntaxException;
import dev.twine.internet.endpoints.Endpoints;
import dev.twine.internet.endpoints.StreamClientEndpoint;
import dev.twine.internet.endpoints.StreamServerEndpoint;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The grammar of the {@code ssl:} and {@code tls:} endpoint strings, built on {@code tcp:}: the TCP
 * parameters go to the {@code tcp:} parser, the others make the TLS options.
 */
final class TlsEndpointStrings {
  private static final String[] TCP_SERVER = {"port", "interface", "backlog"};
  private static final String[] TCP_CLIENT = {"host", "port", "timeout", "bindAddress"};

  private TlsEndpointStrings() {}

  /** {@code ssl:PORT:privateKey=K[:certKey=C][:extraCertChain=X][:interface=A][:backlog=N]}. */
  static StreamServerEndpoint sslServer(Reactor reactor, EndpointDescription d) {
    d.requireOnly(1, "port", "interface", "backlog", "privateKey", "certKey", "extraCertChain");
    return new TlsServerEndpoint(reactor, tcpServer(reactor, d), TlsServerOptions.of(material(d, () -> keyFiles(d))));
  }

  /** {@code tls:PORT:certificates=DIR[:interface=A][:backlog=N]}, or with the keys of {@code ssl:}. */
  static StreamServerEndpoint tlsServer(Reactor reactor, EndpointDescription d) {
    d.requireOnly(1, "port", "interface", "backlog", "certificates", "privateKey", "certKey", "extraCertChain");
    boolean directory = d.value("certificates", -1).isPresent();
    if (directory == d.value("privateKey", -1).isPresent()) {
      throw new EndpointSyntaxException(d.text(), "give either certificates=DIRECTORY or privateKey=FILE");
    }
    TlsServerOptions options = directory
        ? material(d, () -> CertificateDirectory.load(d.path("certificates", -1)))
        : TlsServerOptions.of(material(d, () -> keyFiles(d)));
    return new TlsServerEndpoint(reactor, tcpServer(reactor, d), options);
  }

  /**
   * {@code tls:host=H:port=N[:trustRoots=PATH][:serverName=S][:privateKey=K[:certKey=C]][:timeout=S][:bindAddress=A]},
   * or {@code tls:H:N}; {@code caCertsDir=DIR} stands for {@code trustRoots=DIR}, as in Twisted's
   * {@code ssl:} client strings.
   */
  static StreamClientEndpoint client(Reactor reactor, EndpointDescription d) {
    d.requireOnly(2, "host", "port", "timeout", "bindAddress", "trustRoots", "caCertsDir", "serverName",
        "privateKey", "certKey");
    TlsClientOptions options = TlsClientOptions.DEFAULT;
    if (d.value("trustRoots", -1).isPresent() && d.value("caCertsDir", -1).isPresent()) {
      throw new EndpointSyntaxException(d.text(), "give trustRoots or caCertsDir, not both");
    }
    for (String roots : new String[] {"trustRoots", "caCertsDir"}) {
      if (d.value(roots, -1).isPresent()) {
        Path rootsPath = d.path(roots, -1);
        options = options.withTrustRoots(material(d, () -> TrustRoots.load(rootsPath)));
      }
    }
    if (d.value("serverName", -1).isPresent()) {
      options = options.withServerName(d.required("serverName", -1));
    }
    if (d.value("privateKey", -1).isPresent()) {
      options = options.withClientCertificate(material(d, () -> keyFiles(d)));
    } else if (d.value("certKey", -1).isPresent()) {
      throw new EndpointSyntaxException(d.text(), "certKey needs privateKey");
    }
    StreamClientEndpoint tcp = Endpoints.client(reactor, only(d, TCP_CLIENT));
    return new TlsClientEndpoint(reactor, tcp, d.required("host", 0), options);
  }

  /**
   * Loads key material named by the string: a file that is missing or unreadable makes the string
   * unusable, so it fails as a bad endpoint, naming the file and the problem.
   */
  private static <T> T material(EndpointDescription d, java.util.function.Supplier<T> load) {
    try {
      return load.get();
    } catch (KeyMaterialException e) {
      throw new EndpointSyntaxException(d.text(), e.getMessage());
    }
  }

  /** Reads privateKey, certKey (the key's file if absent) and extraCertChain. */
  private static CertifiedKey keyFiles(EndpointDescription d) {
    List<Path> files = new ArrayList<>();
    Path key = d.path("privateKey", -1);
    files.add(key);
    files.add(d.value("certKey", -1).isPresent() ? d.path("certKey", -1) : key);
    if (d.value("extraCertChain", -1).isPresent()) {
      files.add(d.path("extraCertChain", -1));
    }
    return CertifiedKey.load(files.toArray(Path[]::new));
  }

  private static StreamServerEndpoint tcpServer(Reactor reactor, EndpointDescription d) {
    return Endpoints.server(reactor, only(d, TCP_SERVER));
  }

  /** Returns {@code d} as a {@code tcp:} description with only the parameters {@code names}. */
  private static EndpointDescription only(EndpointDescription d, String... names) {
    Map<String, String> kept = new LinkedHashMap<>();
    for (String name : names) {
      d.value(name, -1).ifPresent(value -> kept.put(name, value));
    }
    return new EndpointDescription(d.text(), "tcp", d.arguments(), kept);
  }
}
