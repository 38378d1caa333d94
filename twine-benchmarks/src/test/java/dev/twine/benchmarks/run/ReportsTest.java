package dev.twine.benchmarks.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReportsTest {
  private static final Machine MACHINE = new Machine(2, "AMD EPYC", 23, "Linux 6.18", "Temurin 25");

  private static Workload workload(String name) {
    return Catalog.workloads().stream().filter(w -> w.name().equals(name)).findFirst().orElseThrow();
  }

  private static Cell echo(double value, double cpu) {
    return new Cell.Measured(value, "MB/s", Map.of("p99_us", 600.0, "server_cpu_us_per_op", cpu,
        "server_cpu_op", "msg", "server_cpu_s", 1.9, "server_busy_pct", 80.4, "load_busy_pct", 99.2));
  }

  private static Results results() {
    Results results = new Results();
    results.add(workload("tcp-echo-64"), 1, Peer.TWINE,
        new Samples(List.of(echo(100, 1.2), echo(96, 1.3), echo(98, 1.25))));
    results.add(workload("tcp-echo-64"), 1, Peer.NETTY_NIO,
        new Samples(List.of(echo(90, 1.5), new Cell.Failed("TcpEchoLoad exited with 1"), echo(94, 1.4))));
    results.add(workload("startup"), 1, Peer.TWINE,
        new Samples(List.of(new Cell.Measured(310, "ms", Map.of()), new Cell.Measured(330, "ms", Map.of()))));
    return results;
  }

  private static RunOptions options(String... args) {
    return RunOptions.parse(List.of(args), Path.of("/tmp/out"));
  }

  private static String markdown(RunOptions options) {
    return MarkdownReport.render(results(), options, MACHINE, "server on cores 0", "");
  }

  @Test
  void repeatedRunsShowMediansTheirRatioTheSpreadAndTheServerCpuPerOperation() {
    String md = markdown(options("--repeat", "3"));

    assertThat(md).contains("every figure is the median of 3 samples")
        .contains("| peer | MB/s | vs Twine | spread | p99 | server CPU/op | busy: server / load | notes |")
        .contains("| twine | 98.00 | 1.00 | ±2.0 % | 600 µs | 1.25 µs/msg | 80 % / 99 % |  |")
        .contains("| netty-nio | 92.00 | 0.94 | ±2.2 % | 600 µs | 1.45 µs/msg | 80 % / 99 % | 1 of 3 failed: TcpEchoLoad exited with 1 |")
        .contains("| peer | ms | vs Twine | spread | p99 | notes |")
        .contains("| twine | 320.0 | 1.00 | ±3.1 % |  |  |");
  }

  @Test
  void oneSampleKeepsTheTableWithoutASpreadColumn() {
    Results results = new Results();
    results.add(workload("tcp-echo-64"), 1, Peer.TWINE, new Samples(List.of(echo(97.5, 1.2))));
    Cell unpinned = new Cell.Measured(90, "MB/s", Map.of("server_cpu_us_per_op", 1.4,
        "server_cpu_op", "msg", "server_busy_pct", 61.0));
    results.add(workload("tcp-echo-64"), 1, Peer.NETTY_NIO, new Samples(List.of(unpinned)));

    String md = MarkdownReport.render(results, options(), MACHINE, "server on cores 0", "");

    assertThat(md).doesNotContain("spread").doesNotContain("median").contains("Server CPU/op is")
        .contains("a load near 100 % set the rate")
        .contains("| peer | MB/s | vs Twine | p99 | server CPU/op | busy: server / load | notes |")
        .contains("| twine | 97.50 | 1.00 | 600 µs | 1.20 µs/msg | 80 % / 99 % |  |")
        .contains("| netty-nio | 90.00 | 0.92 |  | 1.40 µs/msg | 61 % |  |");
  }

  @Test
  void tablesWithoutServerCpuHaveNoCpuColumnNorItsExplanation() {
    Results results = new Results();
    results.add(workload("startup"), 1, Peer.TWINE, new Samples(List.of(new Cell.Measured(310, "ms", Map.of()))));

    String md = MarkdownReport.render(results, options(), MACHINE, "server on cores 0", "");

    assertThat(md).doesNotContain("CPU").contains("| peer | ms | vs Twine | p99 | notes |");
  }

  @Test
  void jsonKeepsEverySampleBesideTheMedian() {
    String json = JsonReport.render(results(), options("--repeat", "3"), MACHINE, "");

    assertThat(json).contains("\"repeat\": 3")
        .containsPattern("\"netty-nio\": \\{\\s+\"status\": \"ok\",\\s+\"value\": 92,")
        .containsPattern("\"spread_pct\": 2.174")
        .containsPattern("\"samples\": \\[\\{\\s+\"status\": \"ok\",\\s+\"value\": 90,")
        .contains("\"reason\": \"TcpEchoLoad exited with 1\"")
        .contains("\"server_cpu_us_per_op\": 1.45");
  }
}
