package dev.twine.web.client;

import dev.twine.internet.ConnectError;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLException;
import org.jspecify.annotations.Nullable;

/**
 * Says plainly why making a connection failed when the reason lies deep in the causes: a TLS
 * handshake that failed over a certificate becomes a {@link ConnectError} naming the problem
 * (not trusted, expired, not naming the host) with the {@link SSLException} as its cause; a
 * proxy's refusal of a tunnel is the {@link TunnelRefused} itself.
 */
final class ConnectFailures {
  private ConnectFailures() {}

  /** Returns what to fail with for {@code error}, the failure to connect to {@code destination}. */
  static Throwable explain(Throwable error, String destination) {
    if (!(error instanceof ConnectError)) {
      return error;
    }
    List<Throwable> causes = causes(error);
    for (Throwable cause : causes) {
      if (cause instanceof TunnelRefused refused) {
        return refused;
      }
    }
    SSLException tls = first(causes, SSLException.class);
    if (tls == null) {
      return error;
    }
    return new ConnectError("TLS with " + destination + " failed: " + reason(causes, tls), tls);
  }

  private static String reason(List<Throwable> causes, SSLException tls) {
    if (first(causes, CertificateExpiredException.class) != null) {
      return "the server's certificate has expired";
    }
    if (first(causes, CertificateNotYetValidException.class) != null) {
      return "the server's certificate is not valid yet";
    }
    if (first(causes, CertPathBuilderException.class) != null
        || first(causes, CertPathValidatorException.class) != null) {
      return "the server's certificate is not trusted (it does not chain to a trusted root)";
    }
    for (Throwable cause : causes) {
      String message = cause.getMessage();
      if (cause instanceof CertificateException && message != null
          && (message.startsWith("No subject alternative") || message.startsWith("No name"))) {
        return "the server's certificate does not name the host (" + message + ")";
      }
    }
    return String.valueOf(tls.getMessage());
  }

  private static List<Throwable> causes(Throwable error) {
    List<Throwable> chain = new ArrayList<>();
    Throwable cause = error;
    while (cause != null && !chain.contains(cause)) {
      chain.add(cause);
      cause = cause.getCause();
    }
    return chain;
  }

  private static <T extends Throwable> @Nullable T first(List<Throwable> causes, Class<T> type) {
    for (Throwable cause : causes) {
      if (type.isInstance(cause)) {
        return type.cast(cause);
      }
    }
    return null;
  }
}
