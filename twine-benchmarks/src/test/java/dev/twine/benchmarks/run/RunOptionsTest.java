package dev.twine.benchmarks.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RunOptionsTest {
  private static final Path DEFAULT_OUT = Path.of("bench/results/now");

  private static RunOptions parse(String... args) {
    return RunOptions.parse(List.of(args), DEFAULT_OUT);
  }

  @Test
  void defaultsRunEverythingForTenSecondsAfterThreeOnOneReactor() {
    RunOptions options = parse();

    assertThat(options.durationSeconds()).isEqualTo(10);
    assertThat(options.warmupSeconds()).isEqualTo(3);
    assertThat(options.startupRuns()).isEqualTo(5);
    assertThat(options.out()).isEqualTo(DEFAULT_OUT);
    assertThat(options.reactors()).containsExactly(1);
    assertThat(options.repeat()).isEqualTo(1);
    assertThat(Catalog.workloads()).allMatch(workload -> options.runs(workload.name()));
    assertThat(Peer.values()).allMatch(options::runs);
  }

  @Test
  void quickShortensRunsUnlessTheyAreGiven() {
    assertThat(parse("--quick").durationSeconds()).isEqualTo(2);
    assertThat(parse("--quick").warmupSeconds()).isEqualTo(1);
    assertThat(parse("--quick").startupRuns()).isEqualTo(2);
    assertThat(parse("--duration", "5", "--quick").durationSeconds()).isEqualTo(5);
    assertThat(parse("--quick", "--warmup", "0").warmupSeconds()).isZero();
    assertThat(parse("--quick").repeat()).isEqualTo(1);
  }

  @Test
  void repeatTakesThatManySamplesOfEveryCellQuickOrNot() {
    assertThat(parse("--repeat", "3").repeat()).isEqualTo(3);
    assertThat(parse("--quick", "--repeat", "2").repeat()).isEqualTo(2);
    assertThat(parse("--repeat", "99").repeat()).isEqualTo(99);
  }

  @Test
  void onlyFindsItsPatternInWorkloadNames() {
    RunOptions options = parse("--only", "plaintext|json");

    assertThat(Catalog.workloads().stream().map(Workload::name).filter(options::runs))
        .containsExactly("http-plaintext", "http-json");
  }

  @Test
  void peersSelectsByLabelOrFamily() {
    RunOptions options = parse("--peers", "twine,netty");

    assertThat(List.of(Peer.values()).stream().filter(options::runs))
        .containsExactly(Peer.TWINE, Peer.NETTY_NIO, Peer.NETTY_EPOLL, Peer.NETTY);
    assertThat(parse("--peers", "netty-epoll").runs(Peer.NETTY_NIO)).isFalse();
  }

  @Test
  void reactorsKeepsItsOrderAndOutTakesADirectory() {
    RunOptions options = parse("--reactors", "1,2,4", "--out", "/tmp/x");

    assertThat(options.reactors()).containsExactly(1, 2, 4);
    assertThat(options.out()).isEqualTo(Path.of("/tmp/x"));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "--fast               | unknown option: --fast",
      "extra                | unexpected argument: extra",
      "--duration           | --duration needs a value",
      "--duration ten       | --duration needs a whole number, got \"ten\"",
      "--duration 0         | --duration must be from 1 to 3600 seconds, got 0",
      "--warmup -1          | --warmup needs a whole number, got \"-1\"",
      "--only (             | --only is not a regular expression: (",
      "--peers twine,jetty  | --peers: unknown peer \"jetty\"",
      "--peers twine,,nginx | --peers: unknown peer \"\"",
      "--reactors 1,1       | --reactors needs distinct counts from 1 to 256, got 1,1",
      "--reactors 0         | --reactors needs distinct counts from 1 to 256, got 0",
      "--reactors 1,x       | --reactors needs a whole number, got \"x\"",
      "--repeat 0           | --repeat must be from 1 to 99, got 0",
      "--repeat 100         | --repeat must be from 1 to 99, got 100",
      "--repeat three       | --repeat needs a whole number, got \"three\"",
      "--repeat -2          | --repeat needs a whole number, got \"-2\"",
      "--repeat             | --repeat needs a value",
  })
  void badOptionsAreNamedWithTheirValue(String args, String message) {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> RunOptions.parse(List.of(args.split(" ")), DEFAULT_OUT))
        .withMessageStartingWith(message);
  }

  @Test
  void aBadOptionExitsWithTwoAndOneLineBeforeAnythingRuns() throws InterruptedException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();

    int code = BenchRun.execute(List.of("--duration", "x"), Path.of("/nonexistent"),
        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));

    assertThat(code).isEqualTo(2);
    assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
    assertThat(err.toString(StandardCharsets.UTF_8))
        .isEqualTo("bench/run: --duration needs a whole number, got \"x\"" + System.lineSeparator());
  }

  @Test
  void aBadRepeatExitsWithTwoAndOneLine() throws InterruptedException {
    ByteArrayOutputStream err = new ByteArrayOutputStream();

    int code = BenchRun.execute(List.of("--quick", "--repeat", "0"), Path.of("/nonexistent"),
        System.out, new PrintStream(err, true, StandardCharsets.UTF_8));

    assertThat(code).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .isEqualTo("bench/run: --repeat must be from 1 to 99, got 0" + System.lineSeparator());
  }

  @Test
  void eachRoundMeasuresThePeersInAnOrderRotatedByOne() {
    List<Peer> peers = List.of(Peer.TWINE, Peer.NETTY_NIO, Peer.VERTX);

    assertThat(BenchRun.roundOrder(peers, 0)).containsExactly(Peer.TWINE, Peer.NETTY_NIO, Peer.VERTX);
    assertThat(BenchRun.roundOrder(peers, 1)).containsExactly(Peer.NETTY_NIO, Peer.VERTX, Peer.TWINE);
    assertThat(BenchRun.roundOrder(peers, 2)).containsExactly(Peer.VERTX, Peer.TWINE, Peer.NETTY_NIO);
    assertThat(BenchRun.roundOrder(peers, 3)).isEqualTo(BenchRun.roundOrder(peers, 0));
    assertThat(BenchRun.roundOrder(List.of(), 1)).isEmpty();
  }

  @Test
  void aPatternSelectingNoWorkloadExitsWithTwo() throws InterruptedException {
    ByteArrayOutputStream err = new ByteArrayOutputStream();

    int code = BenchRun.execute(List.of("--only", "gopher"), Path.of("/nonexistent"),
        System.out, new PrintStream(err, true, StandardCharsets.UTF_8));

    assertThat(code).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("bench/run: --only gopher selects no workload");
  }
}
