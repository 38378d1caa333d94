package dev.twine.internet.tls;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Reads PEM text: X.509 certificates, and private keys in PKCS#8 ({@code BEGIN PRIVATE KEY}),
 * PKCS#1 ({@code BEGIN RSA PRIVATE KEY}) and SEC1 ({@code BEGIN EC PRIVATE KEY}) form, RSA, EC or
 * EdDSA. Blocks of other types (such as {@code EC PARAMETERS}) and text around the blocks are
 * skipped. Every failure is a {@link KeyMaterialException} naming the source.
 */
final class Pem {
  private static final String BEGIN = "-----BEGIN ";
  private static final String END = "-----END ";
  private static final String DASHES = "-----";
  private static final List<String> KEY_ALGORITHMS = List.of("RSA", "EC", "EdDSA", "RSASSA-PSS");

  private Pem() {}

  /** One block: its type, such as {@code CERTIFICATE}, and its decoded contents. */
  record Block(String type, byte[] der) {}

  /** Returns the text of {@code file}. */
  static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new KeyMaterialException("cannot read " + file + ": " + e, e);
    } catch (RuntimeException e) {
      throw new KeyMaterialException(file + " is not PEM text: " + e.getMessage(), e);
    }
  }

  /** Returns the blocks of {@code text}, which came from {@code source}. */
  static List<Block> blocks(String text, String source) {
    List<Block> blocks = new ArrayList<>();
    String[] lines = text.split("\r?\n|\r");
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (!line.startsWith(BEGIN) || !line.endsWith(DASHES)) {
        continue;
      }
      String type = line.substring(BEGIN.length(), line.length() - DASHES.length());
      String end = END + type + DASHES;
      StringBuilder base64 = new StringBuilder();
      int j = i + 1;
      for (; j < lines.length && !lines[j].strip().equals(end); j++) {
        if (lines[j].contains(":")) {
          throw new KeyMaterialException(source + ": the " + type
              + " block is encrypted; decrypt it first (openssl pkey -in FILE -out PLAIN.pem)", null);
        }
        base64.append(lines[j].strip());
      }
      if (j == lines.length) {
        throw new KeyMaterialException(source + ": " + line + " has no matching " + end, null);
      }
      try {
        blocks.add(new Block(type, Base64.getDecoder().decode(base64.toString())));
      } catch (IllegalArgumentException e) {
        throw new KeyMaterialException(source + ": the " + type + " block is not valid base64", e);
      }
      i = j;
    }
    return blocks;
  }

  /** Returns the certificates among {@code blocks}, in order. */
  static List<X509Certificate> certificates(List<Block> blocks, String source) {
    List<X509Certificate> certificates = new ArrayList<>();
    for (Block block : blocks) {
      if (block.type().equals("CERTIFICATE")) {
        certificates.add(certificate(block.der(), source));
      }
    }
    return certificates;
  }

  /**
   * Returns the private key among {@code blocks}, if there is one. A SEC1 EC key that does not name
   * its curve takes it from an {@code EC PARAMETERS} block, as OpenSSL writes them.
   */
  static Optional<PrivateKey> privateKey(List<Block> blocks, String source) {
    byte[] curve = blocks.stream().filter(block -> block.type().equals("EC PARAMETERS")).findFirst()
        .map(Block::der).orElse(null);
    PrivateKey found = null;
    for (Block block : blocks) {
      PrivateKey key = switch (block.type()) {
        case "PRIVATE KEY" -> pkcs8(block, block.der(), KEY_ALGORITHMS, source);
        case "RSA PRIVATE KEY" -> pkcs8(block, wrap(block, curve, source), List.of("RSA"), source);
        case "EC PRIVATE KEY" -> pkcs8(block, wrap(block, curve, source), List.of("EC"), source);
        case "ENCRYPTED PRIVATE KEY" -> throw new KeyMaterialException(source
            + ": the private key is encrypted; decrypt it first (openssl pkey -in FILE -out PLAIN.pem)", null);
        default -> null;
      };
      if (key != null && found != null) {
        throw new KeyMaterialException(source + " holds more than one private key", null);
      }
      found = key != null ? key : found;
    }
    return Optional.ofNullable(found);
  }

  /** Describes the kinds of blocks found, for messages. */
  static String kinds(List<Block> blocks) {
    return blocks.isEmpty() ? "no PEM block"
        : "only " + blocks.stream().map(Block::type).distinct().toList() + " blocks";
  }

  private static X509Certificate certificate(byte[] der, String source) {
    try {
      return (X509Certificate) CertificateFactory.getInstance("X.509")
          .generateCertificate(new ByteArrayInputStream(der));
    } catch (CertificateException e) {
      throw new KeyMaterialException(source + ": a CERTIFICATE block is not a valid X.509 certificate: "
          + e.getMessage(), e);
    }
  }

  private static byte[] wrap(Block block, byte @Nullable [] curve, String source) {
    try {
      return block.type().startsWith("RSA") ? Der.pkcs8FromPkcs1(block.der()) : Der.pkcs8FromSec1(block.der(), curve);
    } catch (IllegalArgumentException e) {
      throw new KeyMaterialException(source + ": the " + block.type() + " block is malformed: " + e.getMessage(), e);
    }
  }

  private static PrivateKey pkcs8(Block block, byte[] der, List<String> algorithms, String source) {
    PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(der);
    for (String algorithm : algorithms) {
      try {
        return KeyFactory.getInstance(algorithm).generatePrivate(spec);
      } catch (GeneralSecurityException | RuntimeException e) {
        // not this algorithm: try the next
      }
    }
    throw new KeyMaterialException(source + ": the " + block.type()
        + " block is malformed or not a key the JDK reads (tried " + String.join(", ", algorithms) + ")", null);
  }
}
