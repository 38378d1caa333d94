package dev.twine.internet.endpoints;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.twine.testing.MemoryReactor;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzzes endpoint strings: whatever the text, {@link EndpointDescription#parse} and {@link
 * Endpoints#server}, {@link Endpoints#client} and {@link Endpoints#datagram} either return an
 * endpoint or throw an {@link EndpointSyntaxException} that quotes the text; nothing else escapes.
 *
 * <p>The first byte of the input chooses the kind of endpoint (server, client, datagram); the
 * rest, decoded as UTF-8, is the string. Strings naming key material files (TLS keys, chains,
 * trust roots) are passed over: those parameters read the file the operator names by design,
 * which the fuzzer's path-traversal sanitizer would report; their unreadable-file errors are
 * covered by seeds and by the TLS endpoint tests.
 */
class EndpointsFuzzTest {
  private static final java.util.regex.Pattern FILE_PARAMETERS = java.util.regex.Pattern.compile(
      "(privateKey|certKey|extraCertChain|trustRoots|caCertsDir|certificates)=");

  @FuzzTest
  @Timeout(10)
  void parsesEndpointStrings(byte[] input) {
    if (input.length == 0) {
      return;
    }
    String text = new String(Arrays.copyOfRange(input, 1, input.length), StandardCharsets.UTF_8);
    if (FILE_PARAMETERS.matcher(text).find()) {
      return;
    }
    MemoryReactor reactor = new MemoryReactor();
    try {
      EndpointDescription description = EndpointDescription.parse(text);
      assertThat(description.prefix()).isNotEmpty();
      assertThat(EndpointDescription.parse(text)).isEqualTo(description);
    } catch (EndpointSyntaxException e) {
      assertThat(e.getMessage()).contains(text);
    }
    try {
      Object endpoint = switch ((input[0] & 0xff) % 3) {
        case 0 -> Endpoints.server(reactor, text);
        case 1 -> Endpoints.client(reactor, text);
        default -> Endpoints.datagram(reactor, text);
      };
      assertThat(endpoint).isNotNull();
    } catch (EndpointSyntaxException e) {
      assertThat(e.getMessage()).contains(text);
    }
  }
}
