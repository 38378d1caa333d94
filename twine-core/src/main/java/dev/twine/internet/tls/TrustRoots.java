package dev.twine.internet.tls;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import org.jspecify.annotations.Nullable;

/**
 * The certificate authorities a peer's certificate must chain to: the system's (the JDK's
 * {@code cacerts}), or certificates of one's own such as a private CA's.
 *
 * <pre>{@code
 * TlsClientOptions.DEFAULT.withTrustRoots(TrustRoots.load(Path.of("ca.pem")))
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class TrustRoots {
  private static final TrustRoots SYSTEM = new TrustRoots(null);

  private final @Nullable List<X509Certificate> certificates;

  private TrustRoots(@Nullable List<X509Certificate> certificates) {
    this.certificates = certificates;
  }

  /** Returns the system's trust roots, those the JDK trusts by default. */
  public static TrustRoots system() {
    return SYSTEM;
  }

  /**
   * Returns trust roots of exactly {@code certificates}.
   *
   * @throws IllegalArgumentException if there are none
   */
  public static TrustRoots of(List<X509Certificate> certificates) {
    List<X509Certificate> copy = List.copyOf(certificates);
    if (copy.isEmpty()) {
      throw new IllegalArgumentException("trust roots need at least one certificate");
    }
    return new TrustRoots(copy);
  }

  /**
   * Reads trust roots from a PEM file of certificates, or from a directory: every file in it whose
   * name ends in {@code .pem}, {@code .crt} or {@code .cer} (other files are skipped, as are
   * sub-directories).
   *
   * @throws KeyMaterialException naming the file if one cannot be read or is malformed, or if no
   *     certificate is found
   */
  public static TrustRoots load(Path fileOrDirectory) {
    List<X509Certificate> found = new ArrayList<>();
    if (Files.isDirectory(fileOrDirectory)) {
      for (Path file : certificateFiles(fileOrDirectory)) {
        found.addAll(Pem.certificates(Pem.blocks(Pem.read(file), file.toString()), file.toString()));
      }
    } else {
      found.addAll(Pem.certificates(Pem.blocks(Pem.read(fileOrDirectory), fileOrDirectory.toString()),
          fileOrDirectory.toString()));
    }
    if (found.isEmpty()) {
      throw new KeyMaterialException(fileOrDirectory + " holds no certificate", null);
    }
    return new TrustRoots(List.copyOf(found));
  }

  /**
   * Reads trust roots from PEM text.
   *
   * @throws KeyMaterialException if it holds no certificate or a malformed one
   */
  public static TrustRoots fromPem(String pem) {
    List<X509Certificate> found = Pem.certificates(Pem.blocks(pem, "the PEM text"), "the PEM text");
    if (found.isEmpty()) {
      throw new KeyMaterialException("the PEM text holds no certificate", null);
    }
    return new TrustRoots(List.copyOf(found));
  }

  /** Returns the certificates, or empty for the system's roots. */
  public Optional<List<X509Certificate>> certificates() {
    return Optional.ofNullable(certificates);
  }

  /** Returns the trust managers for an {@code SSLContext}, or null for the JDK's default. */
  TrustManager @Nullable [] trustManagers() {
    if (certificates == null) {
      return null;
    }
    try {
      KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
      store.load(null, null);
      for (int i = 0; i < certificates.size(); i++) {
        store.setCertificateEntry("root-" + i, certificates.get(i));
      }
      TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      factory.init(store);
      return factory.getTrustManagers();
    } catch (GeneralSecurityException | IOException e) {
      throw new KeyMaterialException("cannot build a trust store of " + this + ": " + e.getMessage(), e);
    }
  }

  private static List<Path> certificateFiles(Path directory) {
    try (Stream<Path> files = Files.list(directory)) {
      return files.filter(Files::isRegularFile).filter(file -> {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".pem") || name.endsWith(".crt") || name.endsWith(".cer");
      }).sorted().toList();
    } catch (IOException e) {
      throw new KeyMaterialException("cannot list " + directory + ": " + e, e);
    }
  }

  @Override
  public boolean equals(@Nullable Object other) {
    return other instanceof TrustRoots roots && Objects.equals(certificates, roots.certificates);
  }

  @Override
  public int hashCode() {
    return Objects.hashCode(certificates);
  }

  @Override
  public String toString() {
    return certificates == null ? "TrustRoots[system]" : "TrustRoots[" + certificates.stream()
        .map(c -> c.getSubjectX500Principal().getName()).toList() + "]";
  }
}
