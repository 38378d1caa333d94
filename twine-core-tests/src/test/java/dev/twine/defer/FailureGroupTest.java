package dev.twine.defer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FailureGroupTest {

  @Test
  void itCarriesEveryFailureAndNamesThemInItsMessage() {
    IOException first = new IOException("one");
    IllegalStateException second = new IllegalStateException("two");

    FailureGroup group = new FailureGroup(List.of(Failure.of(first), Failure.of(second)));

    assertThat(group)
        .isInstanceOf(RuntimeException.class)
        .hasMessage("all 2 Deferreds failed: #0 java.io.IOException: one;"
            + " #1 java.lang.IllegalStateException: two");
    assertThat(group.failures()).containsExactly(Failure.of(first), Failure.of(second));
    assertThat(group.getSuppressed()).containsExactly(first, second);
  }

  @Test
  void itKeepsItsOwnCopyOfTheFailures() {
    List<Failure> failures = new ArrayList<>(List.of(Failure.of(new IOException("one"))));

    FailureGroup group = new FailureGroup(failures);
    failures.clear();

    assertThat(group.failures()).hasSize(1);
  }
}
