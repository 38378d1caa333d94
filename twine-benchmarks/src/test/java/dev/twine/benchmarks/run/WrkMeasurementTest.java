package dev.twine.benchmarks.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WrkMeasurementTest {
  private static final Path SCRIPT = Path.of("bench/wrk/pipeline.lua");

  @ParameterizedTest
  @CsvSource({"1, 1", "2, 1", "3, 2", "9, 5", "30, 5"})
  void primesForHalfTheWarmUpAndAtMostFiveSeconds(int warmup, int primer) {
    assertThat(WrkMeasurement.primerSeconds(warmup)).isEqualTo(primer);
  }

  @Test
  void primerRunsOnEightConnectionsWithTheMeasuredRequests() {
    WrkMeasurement plaintext = new WrkMeasurement(Service.HTTP, 256, 16, "/plaintext");

    List<String> primer = plaintext.command(WrkMeasurement.PRIMER_CONNECTIONS, 2,
        "http://127.0.0.1:9/plaintext", SCRIPT);
    List<String> measured = plaintext.command(256, 5, "http://127.0.0.1:9/plaintext", SCRIPT);

    assertThat(primer).contains("-c8", "-d2s").doesNotContain("-c256");
    assertThat(measured).contains("-c256", "-d5s");
    assertThat(primer.subList(primer.indexOf("-s"), primer.size()))
        .isEqualTo(measured.subList(measured.indexOf("-s"), measured.size()))
        .containsExactly("-s", SCRIPT.toString(), "http://127.0.0.1:9/plaintext", "--", "16");
  }
}
