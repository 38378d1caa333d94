package dev.twine.defer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.FileNotFoundException;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class FailureTest {
  private final IOException io = new FileNotFoundException("no such file");
  private final Failure failure = Failure.of(io);

  @Test
  void carriesTheExceptionItsTypeAndMessage() {
    assertThat(failure.exception()).isSameAs(io);
    assertThat(failure.type()).isEqualTo(FileNotFoundException.class);
    assertThat(failure.message()).isEqualTo("no such file");
  }

  @Test
  void anExceptionWithoutAMessageHasAnEmptyMessage() {
    assertThat(Failure.of(new IllegalStateException()).message()).isEmpty();
  }

  @Test
  void ofRejectsNull() {
    assertThatThrownBy(() -> Failure.of(null)).isInstanceOf(NullPointerException.class);
  }

  @Test
  void checkReturnsTheFirstTypeTheExceptionIsAnInstanceOf() {
    assertThat(failure.check(IllegalStateException.class, IOException.class, FileNotFoundException.class))
        .contains(IOException.class);
    assertThat(failure.check(IllegalStateException.class, ArithmeticException.class)).isEmpty();
    assertThat(failure.check()).isEmpty();
  }

  @Test
  void trapReturnsTheMatchingType() {
    assertThat(failure.trap(IllegalStateException.class, IOException.class)).isEqualTo(IOException.class);
  }

  @Test
  void trapRethrowsAnUncheckedExceptionOfAnotherTypeUnchanged() {
    IllegalStateException unchecked = new IllegalStateException("other");

    assertThatThrownBy(() -> Failure.of(unchecked).trap(IOException.class)).isSameAs(unchecked);
  }

  @Test
  void trapRethrowsACheckedExceptionOfAnotherTypeUnchanged() {
    assertThatThrownBy(() -> failure.trap(IllegalStateException.class)).isSameAs(io);
  }

  @Test
  void raiseThrowsTheExceptionItself() {
    assertThatThrownBy(() -> {
      throw failure.raise();
    }).isSameAs(io);
  }

  @Test
  void tracebackHoldsTheStackAndTheCauses() {
    IllegalStateException wrapper = new IllegalStateException("outer", io);

    String traceback = Failure.of(wrapper).traceback();

    assertThat(traceback)
        .startsWith("java.lang.IllegalStateException: outer")
        .contains("at dev.twine.defer.FailureTest.tracebackHoldsTheStackAndTheCauses")
        .contains("Caused by: java.io.FileNotFoundException: no such file");
  }

  @Test
  void failuresAreEqualWhenTheyCarryTheSameExceptionObject() {
    assertThat(Failure.of(io)).isEqualTo(failure).hasSameHashCodeAs(failure);
    assertThat(Failure.of(new FileNotFoundException("no such file"))).isNotEqualTo(failure);
    assertThat(failure).isNotEqualTo(null).isNotEqualTo(io);
  }

  @Test
  void toStringShowsTheException() {
    assertThat(failure).hasToString("Failure[java.io.FileNotFoundException: no such file]");
  }
}
