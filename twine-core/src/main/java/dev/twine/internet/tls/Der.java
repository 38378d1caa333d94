package dev.twine.internet.tls;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Just enough ASN.1 DER to wrap the key formats OpenSSL writes (PKCS#1 RSA and SEC1 EC keys) into
 * the PKCS#8 structure the JDK's {@code KeyFactory} reads.
 */
final class Der {
  static final int INTEGER = 0x02;
  static final int OCTET_STRING = 0x04;
  static final int NULL = 0x05;
  static final int OID = 0x06;
  static final int SEQUENCE = 0x30;
  static final int CONTEXT_0 = 0xa0;

  /** The OID of {@code rsaEncryption}. */
  static final String RSA = "1.2.840.113549.1.1.1";
  /** The OID of {@code id-ecPublicKey}. */
  static final String EC = "1.2.840.10045.2.1";

  private Der() {}

  /** An element: its tag and its encoding, header included. */
  record Element(int tag, byte[] encoded) {}

  /** Returns PKCS#8 {@code PrivateKeyInfo} holding {@code key}, of the algorithm {@code algorithm}. */
  static byte[] privateKeyInfo(byte[] algorithm, byte[] key) {
    return tlv(SEQUENCE, concat(tlv(INTEGER, new byte[] {0}), tlv(SEQUENCE, algorithm), tlv(OCTET_STRING, key)));
  }

  /** Wraps a PKCS#1 {@code RSAPrivateKey} into PKCS#8. */
  static byte[] pkcs8FromPkcs1(byte[] rsaPrivateKey) {
    return privateKeyInfo(concat(oid(RSA), tlv(NULL, new byte[0])), rsaPrivateKey);
  }

  /**
   * Wraps a SEC1 {@code ECPrivateKey} into PKCS#8, taking the curve from its parameters, or else
   * from {@code namedCurve} (an encoded OID, as in a separate {@code EC PARAMETERS} block).
   *
   * @throws IllegalArgumentException if it is not a SEC1 key or its curve is not named
   */
  static byte[] pkcs8FromSec1(byte[] ecPrivateKey, byte @Nullable [] namedCurve) {
    byte[] curve = namedCurve != null && namedCurve.length > 0 && namedCurve[0] == OID ? namedCurve : null;
    for (Element element : children(ecPrivateKey)) {
      if (element.tag() == CONTEXT_0) {
        Element inner = children(element.encoded()).stream().findFirst().orElseThrow(
            () -> new IllegalArgumentException("empty EC parameters"));
        if (inner.tag() != OID) {
          throw new IllegalArgumentException("the EC parameters are explicit, not a named curve");
        }
        curve = inner.encoded();
      }
    }
    if (curve == null) {
      throw new IllegalArgumentException("the EC key does not name its curve");
    }
    return privateKeyInfo(concat(oid(EC), curve), ecPrivateKey);
  }

  /**
   * Returns the elements inside the constructed element {@code der} (a SEQUENCE or a context tag).
   *
   * @throws IllegalArgumentException if it is not well-formed DER
   */
  static List<Element> children(byte[] der) {
    Header outer = header(der, 0).orElseThrow(() -> new IllegalArgumentException("truncated DER"));
    if ((der[0] & 0x20) == 0) {
      throw new IllegalArgumentException("not a constructed DER element: tag " + (der[0] & 0xff));
    }
    if (outer.end() != der.length) {
      throw new IllegalArgumentException("DER length " + outer.end() + " does not match " + der.length + " bytes");
    }
    List<Element> children = new ArrayList<>();
    int at = outer.contentStart();
    while (at < der.length) {
      int start = at;
      Header child = header(der, at).filter(h -> h.end() <= der.length)
          .orElseThrow(() -> new IllegalArgumentException("truncated DER element at " + start));
      byte[] encoded = new byte[child.end() - start];
      System.arraycopy(der, start, encoded, 0, encoded.length);
      children.add(new Element(der[start] & 0xff, encoded));
      at = child.end();
    }
    return children;
  }

  private record Header(int contentStart, int end) {}

  private static Optional<Header> header(byte[] der, int at) {
    if (at + 2 > der.length || (der[at] & 0x1f) == 0x1f) {
      return Optional.empty();
    }
    int first = der[at + 1] & 0xff;
    if (first < 0x80) {
      return Optional.of(new Header(at + 2, at + 2 + first));
    }
    int count = first & 0x7f;
    if (count == 0 || count > 3 || at + 2 + count > der.length) {
      return Optional.empty();
    }
    int length = 0;
    for (int i = 0; i < count; i++) {
      length = (length << 8) | (der[at + 2 + i] & 0xff);
    }
    return Optional.of(new Header(at + 2 + count, at + 2 + count + length));
  }

  static byte[] tlv(int tag, byte[] content) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(content.length + 6);
    out.write(tag);
    int length = content.length;
    if (length < 0x80) {
      out.write(length);
    } else if (length < 0x100) {
      out.write(0x81);
      out.write(length);
    } else if (length < 0x10000) {
      out.write(0x82);
      out.write(length >> 8);
      out.write(length);
    } else {
      out.write(0x83);
      out.write(length >> 16);
      out.write(length >> 8);
      out.write(length);
    }
    out.writeBytes(content);
    return out.toByteArray();
  }

  /** Encodes a dotted object identifier such as {@code 1.2.840.10045.2.1}. */
  static byte[] oid(String dotted) {
    String[] arcs = dotted.split("\\.");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    base128(out, Long.parseLong(arcs[0]) * 40 + Long.parseLong(arcs[1]));
    for (int i = 2; i < arcs.length; i++) {
      base128(out, Long.parseLong(arcs[i]));
    }
    return tlv(OID, out.toByteArray());
  }

  private static void base128(ByteArrayOutputStream out, long value) {
    int groups = 1;
    while ((value >>> (7 * groups)) != 0) {
      groups++;
    }
    for (int i = groups - 1; i >= 0; i--) {
      out.write((int) ((value >>> (7 * i)) & 0x7f) | (i > 0 ? 0x80 : 0));
    }
  }

  static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      out.writeBytes(part);
    }
    return out.toByteArray();
  }
}
