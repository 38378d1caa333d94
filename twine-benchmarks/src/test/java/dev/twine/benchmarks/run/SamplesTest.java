package dev.twine.benchmarks.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SamplesTest {
  private static Cell measured(double value) {
    return new Cell.Measured(value, "MB/s", Map.of());
  }

  private static Cell measured(double value, double p99, double cpu) {
    return new Cell.Measured(value, "MB/s", Map.of("p99_us", p99, "server_cpu_us_per_op", cpu,
        "server_cpu_op", "msg"));
  }

  @Test
  void theMedianOfAnOddCountIsTheMiddleValue() {
    assertThat(Samples.median(List.of(3.0, 1.0, 2.0))).isEqualTo(2.0);
    assertThat(Samples.median(List.of(90.0, 100.0, 5.0, 101.0, 99.0))).isEqualTo(99.0);
    assertThat(Samples.median(List.of(7.0))).isEqualTo(7.0);
  }

  @Test
  void theMedianOfAnEvenCountIsTheMeanOfTheTwoMiddleValues() {
    assertThat(Samples.median(List.of(4.0, 1.0))).isEqualTo(2.5);
    assertThat(Samples.median(List.of(10.0, 40.0, 20.0, 1000.0))).isEqualTo(30.0);
    assertThatIllegalArgumentException().isThrownBy(() -> Samples.median(List.of()));
  }

  @Test
  void aCellReportsTheMedianOfItsSamplesAndOfEachNumericDetail() {
    Samples samples = new Samples(List.of(measured(100, 900, 2.0), measured(90, 700, 3.0),
        measured(110, 800, 1.0)));

    Cell.Measured summary = (Cell.Measured) samples.summary();

    assertThat(summary.value()).isEqualTo(100.0);
    assertThat(summary.unit()).isEqualTo("MB/s");
    assertThat(summary.details()).containsEntry("p99_us", 800.0)
        .containsEntry("server_cpu_us_per_op", 2.0).containsEntry("server_cpu_op", "msg");
    assertThat(samples.spreadPercent()).hasValue(10.0);
  }

  @Test
  void oneSampleIsReportedAsItIsWithoutSpread() {
    Cell only = measured(97.5, 584, 1.5);

    assertThat(new Samples(List.of(only)).summary()).isEqualTo(only);
    assertThat(new Samples(List.of(only)).spreadPercent()).isEmpty();
    Cell failed = new Cell.Failed("server not ready");
    assertThat(new Samples(List.of(failed)).summary()).isEqualTo(failed);
  }

  @Test
  void failedSamplesAreLeftOutOfTheMedianAndNoted() {
    Samples samples = new Samples(List.of(measured(100), new Cell.Failed("TcpEchoLoad exited with 1"),
        measured(120), measured(80)));

    Cell.Measured summary = (Cell.Measured) samples.summary();

    assertThat(summary.value()).isEqualTo(100.0);
    assertThat(Figures.note(summary)).isEqualTo("1 of 4 failed: TcpEchoLoad exited with 1");
    assertThat(samples.spreadPercent()).hasValue(20.0);
  }

  @Test
  void aFailureNoteFollowsANoteTheSamplesHad() {
    Cell noted = new Cell.Measured(5000, "B/conn", Map.of("note", "open-file limit 4096"));
    Samples samples = new Samples(List.of(noted, new Cell.Failed("connection 12 failed")));

    assertThat(Figures.note(samples.summary()))
        .isEqualTo("open-file limit 4096; 1 of 2 failed: connection 12 failed");
  }

  @Test
  void aCellFailsOnlyWhenEverySampleFailed() {
    Samples samples = new Samples(List.of(new Cell.Failed("not ready"), new Cell.Failed("exited")));

    assertThat(samples.summary()).isEqualTo(new Cell.Failed("2 of 2 failed: not ready"));
    assertThat(samples.spreadPercent()).isEmpty();
  }

  @Test
  void aPeerThatCannotRunStaysNotAvailable() {
    Cell unavailable = new Cell.Unavailable("nginx is not installed");

    assertThat(new Samples(List.of(unavailable)).summary()).isEqualTo(unavailable);
    assertThat(new Samples(List.of(unavailable, new Cell.Failed("exited"))).summary())
        .isEqualTo(new Cell.Failed("2 of 2 failed: exited"));
  }

  @Test
  void theSpreadIsHalfTheRangeInPerCentOfTheMedian() {
    assertThat(new Samples(List.of(measured(95), measured(105))).spreadPercent().getAsDouble())
        .isCloseTo(5.0, within(1e-9));
    assertThat(new Samples(List.of(measured(0), measured(0))).spreadPercent()).isEmpty();
    assertThatIllegalArgumentException().isThrownBy(() -> new Samples(List.of()));
  }
}
