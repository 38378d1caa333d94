package dev.twine.benchmarks.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WrkOutputTest {
  private static final String PIPELINED = """
      Running 10s test @ http://127.0.0.1:8080/plaintext
        1 threads and 256 connections
        Thread Stats   Avg      Stdev     Max   +/- Stdev
          Latency   850.21us    1.02ms  45.33ms   91.12%
          Req/Sec     1.21M   100.00k    1.40M    70.00%
        Latency Distribution
           50%  612.00us
           75%  901.00us
           90%    1.50ms
           99%    4.25ms
        12100000 requests in 10.00s, 1.45GB read
      Requests/sec: 1209876.54
      Transfer/sec:    148.32MB
      """;

  private static final String WITH_ERRORS = """
      Running 2s test @ http://127.0.0.1:8080/json
        1 threads and 64 connections
        Thread Stats   Avg      Stdev     Max   +/- Stdev
          Latency     1.20s   300.00ms   1.90s    66.00%
          Req/Sec    53.50k     2.10k   57.00k    80.00%
        Latency Distribution
           50%    1.10s
           75%    1.40s
           90%    1.70s
           99%    1.88s
        107000 requests in 2.00s, 14.80MB read
        Socket errors: connect 1, read 2, write 3, timeout 4
        Non-2xx or 3xx responses: 17
      Requests/sec:  53500.00
      Transfer/sec:      7.40MB
      """;

  @Test
  void readsRatesLatenciesAndTransferWithTheirUnits() {
    WrkOutput out = WrkOutput.parse(PIPELINED);

    assertThat(out.requestsPerSecond()).isEqualTo(1209876.54);
    assertThat(out.latencyAvgMicros()).isCloseTo(850.21, within(1e-9));
    assertThat(out.p99Micros()).isCloseTo(4250, within(1e-9));
    assertThat(out.bytesPerSecond()).isCloseTo(148.32 * 1024 * 1024, within(1e-3));
    assertThat(out.requests()).isEqualTo(12_100_000);
    assertThat(out.socketErrors()).isZero();
    assertThat(out.badResponses()).isZero();
  }

  @Test
  void readsSecondsSocketErrorsAndBadResponses() {
    WrkOutput out = WrkOutput.parse(WITH_ERRORS);

    assertThat(out.latencyAvgMicros()).isCloseTo(1.2e6, within(1e-6));
    assertThat(out.p99Micros()).isCloseTo(1.88e6, within(1e-6));
    assertThat(out.socketErrors()).isEqualTo(10);
    assertThat(out.badResponses()).isEqualTo(17);
  }

  @Test
  void aZeroPercentileFromAnOverflowedHistogramIsUnknown() {
    WrkOutput out = WrkOutput.parse(PIPELINED.replace("99%    4.25ms", "99%    0.00us"));

    assertThat(out.p99Micros()).isNaN();
  }

  @Test
  void outputWithoutLatencyDistributionHasNoPercentile() {
    WrkOutput out = WrkOutput.parse("  100 requests in 1.00s, 1.00KB read\nRequests/sec:    100.00\n");

    assertThat(out.requestsPerSecond()).isEqualTo(100);
    assertThat(out.p99Micros()).isNaN();
    assertThat(out.latencyAvgMicros()).isNaN();
  }

  @Test
  void outputWithoutARateIsRejectedWithItsLastLine() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> WrkOutput.parse("unable to connect to 127.0.0.1:8080 Connection refused\n"))
        .withMessageContaining("Connection refused");
  }

  @ParameterizedTest
  @CsvSource({"12, 12", "12.5k, 12500", "1.21M, 1210000", "2G, 2000000000"})
  void countsTakeMetricSuffixes(String text, double expected) {
    assertThat(WrkOutput.count(text)).isCloseTo(expected, within(1e-3));
  }

  @ParameterizedTest
  @CsvSource({"850.00us, 850", "1.5ms, 1500", "2.00s, 2000000", "1.5m, 90000000"})
  void timesBecomeMicroseconds(String text, double expected) {
    assertThat(WrkOutput.micros(text)).isCloseTo(expected, within(1e-6));
  }

  @ParameterizedTest
  @CsvSource({"512.00B, 512", "1.5KB, 1536", "2MB, 2097152"})
  void transfersBecomeBytes(String text, double expected) {
    assertThat(WrkOutput.bytes(text)).isCloseTo(expected, within(1e-6));
  }

  @Test
  void unknownUnitsAreRejected() {
    assertThatIllegalArgumentException().isThrownBy(() -> WrkOutput.micros("3ns"))
        .withMessage("unknown unit in wrk figure \"3ns\"");
    assertThatIllegalArgumentException().isThrownBy(() -> WrkOutput.count("fast"))
        .withMessage("not a wrk figure: \"fast\"");
  }
}
