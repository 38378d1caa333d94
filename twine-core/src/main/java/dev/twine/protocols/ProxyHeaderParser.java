package dev.twine.protocols;

import dev.twine.bytes.Buffer;
import dev.twine.bytes.Bytes;
import dev.twine.internet.Address;
import dev.twine.internet.AddressType;
import dev.twine.internet.IpAddresses;
import dev.twine.internet.UnixAddress;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Reads the header of the PROXY protocol that a proxy such as HAProxy sends first on each
 * connection, in its text version 1 or its binary version 2 (see HAProxy's {@code
 * proxy-protocol.txt}), from the start of a buffer.
 *
 * <p>Strict: version 1 is {@code PROXY TCP4|TCP6 SRC DST SRCPORT DSTPORT CRLF} with single spaces,
 * address literals and ports without leading zeros, or {@code PROXY UNKNOWN ... CRLF}, in at most
 * 107 bytes; version 2 has the 12-byte signature, version 2, the command LOCAL or PROXY, a known
 * family and transport, a length of at most {@code maxV2Length} that holds the family's
 * addresses, and type-length-value records after them that fit it exactly (they are skipped). A
 * header is refused as soon as its first bytes show it is none.
 */
final class ProxyHeaderParser {
  /** The longest version 1 header, CRLF included. */
  static final int MAX_V1_LENGTH = 107;

  private static final Bytes V1_PREFIX = Bytes.ascii("PROXY ");
  private static final Bytes V2_SIGNATURE =
      Bytes.of((byte) 0x0D, (byte) 0x0A, (byte) 0x0D, (byte) 0x0A, (byte) 0x00, (byte) 0x0D,
          (byte) 0x0A, (byte) 0x51, (byte) 0x55, (byte) 0x49, (byte) 0x54, (byte) 0x0A);
  private static final Bytes CRLF = Bytes.ascii("\r\n");
  private static final Pattern PORT = Pattern.compile("0|[1-9][0-9]{0,4}");
  private static final int V2_FIXED = 16;
  private static final int UNIX_PATH = 108;

  /**
   * A header read: its version, and the address of the client it announces, null when it
   * announces none (version 1 {@code UNKNOWN}, version 2 {@code LOCAL} or {@code UNSPEC}).
   */
  record Header(int version, @Nullable Address source) {}

  /** A header that breaks the PROXY protocol. */
  static final class BadHeader extends RuntimeException {
    private static final long serialVersionUID = 1L;

    BadHeader(String message) {
      super(message, null, false, false);
    }
  }

  private final int maxV2Length;

  ProxyHeaderParser(int maxV2Length) {
    this.maxV2Length = maxV2Length;
  }

  /**
   * Removes the header from the start of {@code buffer} and returns it, or returns null and
   * leaves the buffer as it is if the header has not fully arrived.
   *
   * @throws BadHeader as soon as the buffered bytes cannot start a valid header
   */
  @Nullable Header parse(Buffer buffer) {
    if (buffer.isEmpty()) {
      return null;
    }
    if (startsLike(buffer, V1_PREFIX)) {
      return buffer.size() < V1_PREFIX.size() ? null : v1(buffer);
    }
    if (startsLike(buffer, V2_SIGNATURE)) {
      return buffer.size() < V2_FIXED ? checkedV2Start(buffer) : v2(buffer);
    }
    throw new BadHeader("the connection does not start with a PROXY protocol header");
  }

  /** Returns whether the buffered bytes, as far as they go, are the start of {@code prefix}. */
  private static boolean startsLike(Buffer buffer, Bytes prefix) {
    long n = Math.min(buffer.size(), prefix.size());
    for (int i = 0; i < n; i++) {
      if (buffer.getByte(i) != prefix.get(i)) {
        return false;
      }
    }
    return true;
  }

  private static @Nullable Header v1(Buffer buffer) {
    long end = buffer.indexOf(CRLF);
    if (end < 0 || end + 2 > MAX_V1_LENGTH) {
      if (buffer.size() >= MAX_V1_LENGTH) {
        throw new BadHeader("PROXY protocol v1 header without CRLF in its first " + MAX_V1_LENGTH + " bytes");
      }
      return null;
    }
    Bytes line = buffer.peek(end);
    for (int i = 0; i < line.size(); i++) {
      int c = line.getUnsigned(i);
      if (c < 0x20 || c > 0x7e) {
        throw new BadHeader(String.format("byte 0x%02x in a PROXY protocol v1 header", c));
      }
    }
    String[] parts = line.ascii().split(" ", -1);
    Header header = switch (parts[1]) {
      case "UNKNOWN" -> new Header(1, null);
      case "TCP4", "TCP6" -> v1Addresses(parts);
      default -> throw new BadHeader("unknown protocol \"" + parts[1] + "\" in a PROXY protocol v1 header");
    };
    buffer.skip(end + 2);
    return header;
  }

  private static Header v1Addresses(String[] parts) {
    if (parts.length != 6) {
      throw new BadHeader("a PROXY protocol v1 header for " + parts[1] + " has 4 fields after it, not " + (parts.length - 2));
    }
    boolean v4 = parts[1].equals("TCP4");
    for (int i = 2; i <= 3; i++) {
      boolean valid = v4 ? IpAddresses.isIPv4(parts[i]) : IpAddresses.isIPv6(parts[i]) && parts[i].indexOf('%') < 0;
      if (!valid) {
        throw new BadHeader("\"" + parts[i] + "\" is not an " + (v4 ? "IPv4" : "IPv6") + " address");
      }
    }
    for (int i = 4; i <= 5; i++) {
      if (!PORT.matcher(parts[i]).matches() || Integer.parseInt(parts[i]) > 65535) {
        throw new BadHeader("\"" + parts[i] + "\" is not a port");
      }
    }
    return new Header(1, IpAddresses.parse(AddressType.TCP, parts[2], Integer.parseInt(parts[4])));
  }

  /** Checks the version byte and command of a v2 header whose fixed part has not fully arrived. */
  private @Nullable Header checkedV2Start(Buffer buffer) {
    if (buffer.size() > V2_SIGNATURE.size()) {
      versionAndCommand(buffer.getUnsignedByte(12));
    }
    return null;
  }

  private @Nullable Header v2(Buffer buffer) {
    boolean local = versionAndCommand(buffer.getUnsignedByte(12));
    int family = buffer.getUnsignedByte(13) >>> 4;
    int transport = buffer.getUnsignedByte(13) & 0x0f;
    if (family > 3 || transport > 2) {
      throw new BadHeader(String.format("unknown address family and transport 0x%02x", buffer.getUnsignedByte(13)));
    }
    int length = buffer.getUnsignedShort(14);
    if (length > maxV2Length) {
      throw new BadHeader("a PROXY protocol v2 header of " + length + " bytes, over the maximum of " + maxV2Length);
    }
    int addresses = switch (family) {
      case 1 -> 12;
      case 2 -> 36;
      case 3 -> 2 * UNIX_PATH;
      default -> 0;
    };
    if (length < addresses) {
      throw new BadHeader("a PROXY protocol v2 header of " + length + " bytes cannot hold its " + addresses + " bytes of addresses");
    }
    if (buffer.size() < V2_FIXED + length) {
      return null;
    }
    buffer.skip(V2_FIXED);
    Bytes block = buffer.readBytes(length);
    skipTlvs(block, addresses);
    Address source = local || family == 0 ? null : v2Source(block, family, transport == 2 ? AddressType.UDP : AddressType.TCP);
    return new Header(2, source);
  }

  /** Returns whether the command is LOCAL (else it is PROXY). */
  private static boolean versionAndCommand(int versionAndCommand) {
    if (versionAndCommand >>> 4 != 2) {
      throw new BadHeader("PROXY protocol version " + (versionAndCommand >>> 4) + " in a v2 header");
    }
    return switch (versionAndCommand & 0x0f) {
      case 0 -> true;
      case 1 -> false;
      default -> throw new BadHeader("unknown PROXY protocol v2 command " + (versionAndCommand & 0x0f));
    };
  }

  private static void skipTlvs(Bytes block, int from) {
    int at = from;
    while (at < block.size()) {
      if (block.size() - at < 3) {
        throw new BadHeader("a truncated type-length-value record in a PROXY protocol v2 header");
      }
      int length = block.getUnsigned(at + 1) << 8 | block.getUnsigned(at + 2);
      at += 3;
      if (length > block.size() - at) {
        throw new BadHeader("a type-length-value record of " + length + " bytes overruns its PROXY protocol v2 header");
      }
      at += length;
    }
  }

  private static Address v2Source(Bytes block, int family, AddressType type) {
    return switch (family) {
      case 1 -> IpAddresses.parse(type, ip(block, 0, 4), port(block, 8));
      case 2 -> IpAddresses.parse(type, ip(block, 0, 16), port(block, 32));
      default -> {
        Bytes path = block.slice(0, UNIX_PATH);
        int nul = path.indexOf((byte) 0);
        yield new UnixAddress(path.slice(0, nul < 0 ? UNIX_PATH : nul).string(StandardCharsets.UTF_8));
      }
    };
  }

  private static String ip(Bytes block, int from, int length) {
    try {
      return InetAddress.getByAddress(block.slice(from, from + length).toByteArray()).getHostAddress();
    } catch (UnknownHostException e) {
      throw new AssertionError("a 4- or 16-byte address", e);
    }
  }

  private static int port(Bytes block, int at) {
    return block.getUnsigned(at) << 8 | block.getUnsigned(at + 1);
  }
}
