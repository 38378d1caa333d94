package dev.twine.protocols;

import static dev.twine.protocols.ReceiverFuzzing.show;
import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.twine.bytes.Buffer;
import dev.twine.bytes.Bytes;
import dev.twine.internet.Factory;
import dev.twine.internet.Protocol;
import dev.twine.testing.Clock;
import dev.twine.testing.StringTransport;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzzes the PROXY protocol header reader of {@link ProxyProtocolFactory}: whatever a trusted
 * proxy sends, and however it is cut, the connection is served with the same client address and
 * the same bytes after the header, or closed, and nothing is thrown; a connection still waiting
 * for its header has received less than the longest header allowed.
 */
class ProxyProtocolFuzzTest {
  private static final int MAX_V2_LENGTH = 216;

  @FuzzTest
  @Timeout(10)
  void readsHeaders(byte[] input) {
    ReceiverFuzzing.agreeingEvents(input, clock -> new Subject(input.length, clock));
  }

  private static final class Subject implements ReceiverFuzzing.Subject {
    private static final ProxyProtocolOptions OPTIONS = ProxyProtocolOptions.DEFAULT
        .withTrustedProxies(List.of(IpNetwork.parse("0.0.0.0/0")))
        .withMaxV2Length(MAX_V2_LENGTH);

    private final int inputLength;
    private final List<String> events = new ArrayList<>();
    private final Buffer received = new Buffer();
    private final Protocol reader;

    Subject(int inputLength, Clock clock) {
      this.inputLength = inputLength;
      Factory app = address -> {
        events.add("served " + address);
        return new Protocol() {
          @Override
          public void dataReceived(Bytes data) {
            received.write(data);
          }
        };
      };
      this.reader = Objects.requireNonNull(
          new ProxyProtocolFactory(app, clock, OPTIONS).buildProtocol(StringTransport.DEFAULT_PEER));
    }

    @Override
    public Protocol protocol() {
      return reader;
    }

    @Override
    public List<String> events() {
      List<String> all = new ArrayList<>(events);
      all.add("data " + show(received.peek(received.size())));
      all.add(reader.transport().disconnecting() ? "closed" : "open");
      return all;
    }

    @Override
    public void checkAtEnd(boolean byteByByte) {
      if (events.isEmpty() && !reader.transport().disconnecting()) {
        assertThat(inputLength).as("bytes received while waiting for the header")
            .isLessThan(16 + MAX_V2_LENGTH);
      }
    }
  }
}
