package dev.twine.internet.tls;

import static org.assertj.core.api.Assertions.assertThat;

import dev.twine.bytes.Bytes;
import dev.twine.protocols.ProtocolWrapper;
import dev.twine.testing.Chunks;
import dev.twine.testing.Clock;
import dev.twine.testing.Loopback;
import dev.twine.testing.Pump;
import dev.twine.testing.TwineTest;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The engine decrypts in place and large records skip the shared buffers: what a layer receives
 * stays as it was received, and what it hands on stays as it was handed on, whatever the sizes.
 */
@TwineTest
class TlsBuffersTest {

  /** Keeps every chunk of ciphertext it passes to the layer, with a copy to compare later. */
  private static final class Keeping extends ProtocolWrapper {
    final List<Bytes> received = new ArrayList<>();
    final List<byte[]> copies = new ArrayList<>();
    private final Random random = new Random(3);

    Keeping(TlsLayer layer) {
      super(layer);
    }

    @Override
    public void dataReceived(Bytes data) {
      for (byte[] piece : Chunks.random(data.toByteArray(), random.nextLong())) {
        Bytes chunk = Bytes.wrap(piece);
        received.add(chunk);
        copies.add(piece.clone());
        super.dataReceived(chunk);
      }
    }

    void assertUntouched() {
      for (int i = 0; i < received.size(); i++) {
        assertThat(received.get(i).toByteArray()).as("chunk %d", i).isEqualTo(copies.get(i));
      }
    }
  }

  /** Keeps what it receives, and each piece as it was delivered, to check nothing changes it later. */
  private static final class Collecting extends Recorder {
    final List<Bytes> pieces = new ArrayList<>();
    final List<byte[]> copies = new ArrayList<>();

    @Override
    public void dataReceived(Bytes data) {
      super.dataReceived(data);
      pieces.add(data);
      copies.add(data.toByteArray());
    }
  }

  @Test
  void receivedCiphertextAndDeliveredPlaintextStayAsTheyWere(Clock clock) {
    TlsFixture.Echo server = new TlsFixture.Echo();
    Collecting client = new Collecting();
    Keeping serverSide = new Keeping(new TlsLayer(TlsFixture.SERVER_OPTIONS.newEngine(), server, false, clock,
        TlsFixture.SERVER_OPTIONS.handshakeTimeout(), Bytes.EMPTY));
    Keeping clientSide = new Keeping(new TlsLayer(TlsFixture.CLIENT_OPTIONS.newEngine("localhost", 443), client,
        false, clock, TlsFixture.CLIENT_OPTIONS.handshakeTimeout(), Bytes.EMPTY));
    Pump pump = Loopback.connect(serverSide, clientSide);
    pump.flush();

    Random random = new Random(11);
    ByteArrayOutputStream sent = new ByteArrayOutputStream();
    for (int size : new int[] {1, 100, 8 * 1024, 16 * 1024, 16 * 1024 + 1, 70_000, 5}) {
      byte[] message = new byte[size];
      random.nextBytes(message);
      sent.writeBytes(message);
      client.transport().write(Bytes.wrap(message));
      pump.flush();
    }

    assertThat(client.received.toByteArray()).isEqualTo(sent.toByteArray());
    assertThat(server.received.toByteArray()).isEqualTo(sent.toByteArray());
    serverSide.assertUntouched();
    clientSide.assertUntouched();
    for (int i = 0; i < client.pieces.size(); i++) {
      assertThat(client.pieces.get(i).toByteArray()).as("plaintext piece %d", i).isEqualTo(client.copies.get(i));
    }
  }
}
