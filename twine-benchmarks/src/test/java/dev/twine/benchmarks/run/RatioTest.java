package dev.twine.benchmarks.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RatioTest {
  private static Cell measured(double value) {
    return new Cell.Measured(value, "req/s", Map.of());
  }

  @Test
  void dividesThePeersFigureByTwines() {
    assertThat(Ratio.toTwine(measured(150), measured(100))).hasValue(1.5);
    assertThat(Ratio.toTwine(measured(100), measured(100))).hasValue(1.0);
    assertThat(Ratio.toTwine(measured(0), measured(100))).hasValue(0.0);
  }

  @Test
  void hasNoRatioWithoutTwoFiguresOrWithTwineAtZero() {
    assertThat(Ratio.toTwine(new Cell.Unavailable("no nginx"), measured(100))).isEmpty();
    assertThat(Ratio.toTwine(measured(100), new Cell.Failed("timed out"))).isEmpty();
    assertThat(Ratio.toTwine(measured(100), measured(0))).isEmpty();
  }

  @Test
  void rowsGiveEachPeerItsRatioToTwineOfTheSameRow() {
    Workload workload = Catalog.workloads().get(0);
    Results results = new Results();
    results.add(workload, 1, Peer.TWINE, new Samples(List.of(measured(200))));
    results.add(workload, 1, Peer.NGINX, new Samples(List.of(measured(300))));
    results.add(workload, 2, Peer.TWINE, new Samples(List.of(measured(400))));
    results.add(workload, 2, Peer.NGINX, new Samples(List.of(measured(300))));
    results.add(workload, 1, Peer.TWISTED, new Samples(List.of(new Cell.Unavailable("no twisted"))));

    assertThat(results.rows()).hasSize(2);
    assertThat(results.rows(1).get(0).ratio(Peer.NGINX)).hasValue(1.5);
    assertThat(results.rows(2).get(0).ratio(Peer.NGINX)).hasValue(0.75);
    assertThat(results.rows(1).get(0).ratio(Peer.TWISTED)).isEmpty();
    assertThat(results.rows(1).get(0).ratio(Peer.VERTX)).isEmpty();
    assertThat(results.anyFailed()).isFalse();
  }
}
