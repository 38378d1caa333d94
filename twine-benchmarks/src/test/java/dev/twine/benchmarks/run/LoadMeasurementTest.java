package dev.twine.benchmarks.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class LoadMeasurementTest {
  @Test
  void serverCpuIsCountedPerMessageWhenTheLoadReportsMessages() {
    assertThat(LoadMeasurement.Rate.of(97.5, "MB/s", Map.of("messages_per_s", 1.5e6), 10))
        .isEqualTo(new LoadMeasurement.Rate(1.5e6, "msg"));
    assertThat(LoadMeasurement.Rate.of(450, "MB/s", Map.of("echoes", 270_000.0), 10))
        .isEqualTo(new LoadMeasurement.Rate(27_000, "msg"));
  }

  @Test
  void otherwiseItIsCountedPerWhatTheUnitCounts() {
    assertThat(LoadMeasurement.Rate.of(257_911, "datagrams/s", Map.of(), 10))
        .isEqualTo(new LoadMeasurement.Rate(257_911, "datagram"));
    assertThat(LoadMeasurement.Rate.of(387, "handshakes/s", Map.of(), 10))
        .isEqualTo(new LoadMeasurement.Rate(387, "handshake"));
    assertThat(LoadMeasurement.Rate.of(177_485, "msg/s", Map.of("p99_us", 1070.0), 10))
        .isEqualTo(new LoadMeasurement.Rate(177_485, "msg"));
    assertThat(LoadMeasurement.Rate.of(12.5, "MB/s", Map.of(), 10))
        .isEqualTo(new LoadMeasurement.Rate(12.5, "MB"));
  }
}
