package dev.twine.benchmarks.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PinningTest {
  @Test
  void theLoadTakesTheCoresTheServerLeaves() {
    Pinning four = new Pinning(4);

    assertThat(four.serverCores(1)).isEqualTo("0");
    assertThat(four.loadCores(1)).contains("1-3");
    assertThat(four.loadCoreNumbers(1)).containsExactly(1, 2, 3);
    assertThat(four.serverCores(3)).isEqualTo("0-2");
    assertThat(four.loadCores(3)).contains("3");
    assertThat(four.loadCoreNumbers(3)).containsExactly(3);
  }

  @Test
  void withNoCoreLeftTheLoadRunsUnpinned() {
    Pinning two = new Pinning(2);

    assertThat(two.loadCores(2)).isEmpty();
    assertThat(two.loadCoreNumbers(2)).isEmpty();
    assertThat(Pinning.pinned(Optional.empty(), List.of("wrk"))).containsExactly("wrk");
    assertThat(Pinning.pinned(Optional.of("1"), List.of("wrk")))
        .containsExactly("taskset", "-c", "1", "wrk");
  }
}
