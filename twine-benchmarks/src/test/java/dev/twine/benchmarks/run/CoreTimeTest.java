package dev.twine.benchmarks.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class CoreTimeTest {
  private static final String BEFORE = """
      cpu  300 0 100 1000 0 0 10 0 0 0
      cpu0 100 0 50 500 0 0 5 0 0 0
      cpu1 200 0 50 500 0 0 5 0 0 0
      intr 12345
      """;
  /** Core 1 ran 90 ticks of user time, 50 of system, 5 of softirq, and was idle for 5. */
  private static final String AFTER = """
      cpu  400 0 160 1010 0 0 15 0 0 0
      cpu0 110 0 60 505 0 0 5 0 0 0
      cpu1 290 0 100 505 0 0 10 0 0 0
      intr 23456
      """;

  @Test
  void busyShareOfAWindowCountsUserSystemAndInterruptTime() {
    CoreTime before = CoreTime.of(BEFORE, List.of(1));
    CoreTime after = CoreTime.of(AFTER, List.of(1));

    assertThat(after.busyPercentSince(before)).isCloseTo(100.0 * 145 / 150, within(1e-9));
  }

  @Test
  void sumsSeveralCoresAndTellsCpu1FromCpu10() {
    String withTen = BEFORE + "cpu10 7 0 0 3 0 0 0 0 0 0\n";

    assertThat(CoreTime.of(withTen, List.of(0, 1))).isEqualTo(new CoreTime(410, 1410));
    assertThat(CoreTime.of(withTen, List.of(10))).isEqualTo(new CoreTime(7, 10));
  }

  @Test
  void stolenTimeCountsAsTimeTheCoreWasNotBusy() {
    CoreTime before = CoreTime.of("cpu0 100 0 0 0 0 0 0 0 0 0\n", List.of(0));
    CoreTime after = CoreTime.of("cpu0 190 0 0 0 0 0 0 10 0 0\n", List.of(0));

    assertThat(after.busyPercentSince(before)).isCloseTo(90.0, within(1e-9));
  }

  @Test
  void anEmptyWindowHasNoShare() {
    CoreTime same = CoreTime.of(BEFORE, List.of(0));

    assertThat(same.busyPercentSince(same)).isNaN();
  }

  @Test
  void rejectsAMissingCoreOrAShortLine() {
    assertThatIllegalArgumentException().isThrownBy(() -> CoreTime.of(BEFORE, List.of(2)))
        .withMessage("no line for core 2 in /proc/stat");
    assertThatIllegalArgumentException().isThrownBy(() -> CoreTime.of("cpu0 1 2 3\n", List.of(0)))
        .withMessageStartingWith("too few fields for core 0");
  }
}
