package dev.twine.benchmarks.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LiveHeapTest {
  /** The head and tail of a histogram as JDK 25's jcmd prints it, with a row of unused heap. */
  private static final String HISTOGRAM = """
      4242:
       num     #instances         #bytes  class name (module)
      -------------------------------------------------------
         1:         41822        3345760  [B (java.base@25.0.3)
         2:         40113         962712  java.lang.String (java.base@25.0.3)
         3:          1242       11482648  [Ljdk.internal.vm.FillerElement; (java.base@25.0.3)
      Total         83177       15790120
      """;

  @Test
  void addsTheLiveObjectsAndLeavesOutFillers() throws CellException {
    assertThat(LiveHeap.total(HISTOGRAM)).isEqualTo(3_345_760L + 962_712L);
  }

  @Test
  void failsWithoutATotal() {
    assertThatThrownBy(() -> LiveHeap.total("4242:\nCould not find the process\n"))
        .isInstanceOf(CellException.class).hasMessageContaining("no class histogram");
  }

  @Test
  void measuresThisJvm(@TempDir Path logs) throws Exception {
    long live = LiveHeap.bytes(ProcessHandle.current(), logs.resolve("heap.log"));
    assertThat(live).as("the live heap of the test JVM").isPositive();
  }
}
