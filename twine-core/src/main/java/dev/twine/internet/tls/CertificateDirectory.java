package dev.twine.internet.tls;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Reads a directory of certificates for a server that picks one per host name (SNI). For each host
 * name {@code NAME}, either {@code NAME.pem} holds the private key and the chain, or
 * {@code NAME.key} holds the key and {@code NAME.crt} (or {@code NAME.pem}) the chain, leaf first.
 * A wildcard name is written {@code _.example.com} (or {@code *.example.com}). The certificate
 * named {@code default} serves clients that ask for no name or an unknown one; without it, the
 * first name in alphabetical order does. Other files are skipped.
 */
final class CertificateDirectory {
  private CertificateDirectory() {}

  /**
   * Returns server options serving the certificates of {@code directory}.
   *
   * @throws KeyMaterialException if it cannot be listed, holds no certificate, or one cannot be read
   */
  static TlsServerOptions load(Path directory) {
    Map<String, CertifiedKey> byName = new TreeMap<>();
    for (Path file : files(directory)) {
      String fileName = file.getFileName().toString();
      String lower = fileName.toLowerCase(Locale.ROOT);
      if (lower.endsWith(".key")) {
        byName.put(hostname(fileName), CertifiedKey.load(file, chainFor(directory, file, fileName)));
      } else if (lower.endsWith(".pem") && !Files.exists(sibling(directory, fileName, ".key"))) {
        byName.put(hostname(fileName), CertifiedKey.load(file));
      }
    }
    if (byName.isEmpty()) {
      throw new KeyMaterialException(directory + " holds no certificate: expected NAME.pem (key and chain) or "
          + "NAME.key with NAME.crt for each host name", null);
    }
    CertifiedKey fallback = byName.containsKey("default") ? byName.remove("default")
        : byName.values().iterator().next();
    TlsServerOptions options = TlsServerOptions.of(fallback);
    for (Map.Entry<String, CertifiedKey> entry : byName.entrySet()) {
      options = options.withSni(entry.getKey(), entry.getValue());
    }
    return options;
  }

  private static String hostname(String fileName) {
    String name = fileName.substring(0, fileName.lastIndexOf('.')).toLowerCase(Locale.ROOT);
    return name.startsWith("_.") ? "*" + name.substring(1) : name;
  }

  private static Path chainFor(Path directory, Path keyFile, String fileName) {
    for (String extension : new String[] {".crt", ".pem"}) {
      Path chain = sibling(directory, fileName, extension);
      if (Files.exists(chain)) {
        return chain;
      }
    }
    throw new KeyMaterialException(keyFile + " has no certificate beside it: expected "
        + sibling(directory, fileName, ".crt").getFileName() + " or " + sibling(directory, fileName, ".pem").getFileName(),
        null);
  }

  private static Path sibling(Path directory, String fileName, String extension) {
    return directory.resolve(fileName.substring(0, fileName.lastIndexOf('.')) + extension);
  }

  private static Iterable<Path> files(Path directory) {
    try (Stream<Path> files = Files.list(directory)) {
      return files.filter(Files::isRegularFile).sorted().toList();
    } catch (IOException e) {
      throw new KeyMaterialException("cannot list the certificate directory " + directory + ": " + e, e);
    }
  }
}
