package dev.twine.benchmarks.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.List;
import org.junit.jupiter.api.Test;

class ProcessCpuTest {
  /** A line of /proc/PID/stat as Linux 6 writes it, utime 1234 and stime 567. */
  private static final String LINE = "4242 (java) S 1 4242 4242 0 -1 4194560 98315 0 12 0 1234 567"
      + " 0 0 20 0 41 0 123456 5187506176 61263 18446744073709551615 1 1 0 0 0 0 4 0 17028 0 0 0 17"
      + " 0 0 0 0 0 0 0 0 0 0 0 0 0 0";

  @Test
  void addsUserAndSystemTime() {
    assertThat(ProcessCpu.ticks(LINE)).isEqualTo(1234 + 567);
  }

  @Test
  void countsFieldsAfterTheLastParenthesisOfTheCommandName() {
    String tricky = LINE.replace("(java)", "(nginx: worker) (2) S 9 9)");

    assertThat(ProcessCpu.ticks(tricky)).isEqualTo(1234 + 567);
    assertThat(ProcessCpu.ticks(LINE.replace("(java)", "(Web Content)"))).isEqualTo(1234 + 567);
  }

  @Test
  void rejectsWhatIsNotAStatLine() {
    assertThatIllegalArgumentException().isThrownBy(() -> ProcessCpu.ticks("4242 java S 1"))
        .withMessageStartingWith("not a /proc/PID/stat line");
    assertThatIllegalArgumentException().isThrownBy(() -> ProcessCpu.ticks("4242 (java) S 1 2 3"))
        .withMessageStartingWith("a /proc/PID/stat line without utime and stime");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> ProcessCpu.ticks(LINE.replace(" 1234 ", " x ")))
        .withMessageStartingWith("utime or stime is not a number");
  }

  @Test
  void readsTheCpuTimeOfLiveProcessesAndNothingOfExitedOnes() throws Exception {
    long end = System.nanoTime() + 300_000_000L;
    long spin = 0;
    while (System.nanoTime() < end) {
      spin += Long.numberOfTrailingZeros(spin + System.nanoTime());
    }
    Process exited = new ProcessBuilder("true").start();
    exited.waitFor();

    double seconds = ProcessCpu.seconds(List.of(ProcessHandle.current()));

    assertThat(spin).isPositive();
    assertThat(seconds).isGreaterThanOrEqualTo(0.3);
    assertThat(ProcessCpu.seconds(List.of(ProcessHandle.current(), exited.toHandle())))
        .isGreaterThanOrEqualTo(seconds);
  }
}
