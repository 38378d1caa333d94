package dev.twine.defer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import org.junit.jupiter.api.Test;

class FirstErrorTest {

  @Test
  void itsMessageNamesTheIndexAndTheCause() {
    IOException cause = new IOException("some text");

    FirstError error = new FirstError(Failure.of(cause), 3);

    assertThat(error)
        .isInstanceOf(RuntimeException.class)
        .hasMessage("Deferred #3 failed first: java.io.IOException: some text")
        .hasCause(cause);
    assertThat(error.index()).isEqualTo(3);
    assertThat(error.failure()).isEqualTo(Failure.of(cause));
  }

  @Test
  void aNegativeIndexOrNullFailureIsRejected() {
    assertThatThrownBy(() -> new FirstError(Failure.of(new IOException()), -1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("index must not be negative: -1");
    assertThatThrownBy(() -> new FirstError(null, 0))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("failure");
  }
}
