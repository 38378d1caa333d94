package dev.twine.internet;

import static dev.twine.testing.DeferredAssertions.failureResultOf;
import static dev.twine.testing.DeferredAssertions.successResultOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.twine.bytes.Bytes;
import dev.twine.testing.StringTransport;
import java.io.EOFException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link Transport#writeFile} as transports that must see the bytes do it: read, then write. */
class TransportWriteFileTest {
  @TempDir Path dir;

  private FileChannel file(String content) throws IOException {
    Path path = dir.resolve("file.txt");
    Files.writeString(path, content, StandardCharsets.US_ASCII);
    return FileChannel.open(path);
  }

  @Test
  void writesTheRegionAfterWhatWasWrittenAndFiresAtOnce() throws IOException {
    StringTransport transport = new StringTransport();
    try (FileChannel file = file("0123456789")) {
      transport.write(Bytes.ascii("<"));
      assertThat(successResultOf(transport.writeFile(file, 2, 5))).isNull();
      transport.write(Bytes.ascii(">"));
      assertThat(successResultOf(transport.writeFile(file, 9, 0))).isNull();
    }
    assertThat(transport.value().utf8()).isEqualTo("<23456>");
  }

  @Test
  void saysItDoesNotSendFilesDirectly() {
    assertThat(new StringTransport().sendsFilesDirectly()).isFalse();
  }

  @Test
  void aFileShorterThanTheRegionAbortsTheConnectionAndWritesNothing() throws IOException {
    StringTransport transport = new StringTransport();
    try (FileChannel file = file("short")) {
      failureResultOf(transport.writeFile(file, 2, 10), EOFException.class);
    }
    assertThat(transport.aborted()).isTrue();
    assertThat(transport.value().size()).isZero();
  }

  @Test
  void refusesNegativeRegions() throws IOException {
    StringTransport transport = new StringTransport();
    try (FileChannel file = file("x")) {
      assertThatThrownBy(() -> transport.writeFile(file, -1, 1))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("-1, 1");
      assertThatThrownBy(() -> transport.writeFile(file, 0, -5))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0, -5");
    }
  }
}
