package dev.twine.defer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import org.junit.jupiter.api.Test;

class OutcomeTest {

  @Test
  void aSuccessCarriesItsValueAndNullIsAllowed() {
    Outcome<String> success = Outcome.success("v");

    assertThat(success.succeeded()).isTrue();
    assertThat(success).isEqualTo(new Outcome.Success<>("v"));
    assertThat(Outcome.<Void>success(null)).isEqualTo(new Outcome.Success<Void>(null));
  }

  @Test
  void aFailureCarriesItsFailureWhichIsRequired() {
    Failure failure = Failure.of(new IOException("x"));
    Outcome<String> failed = Outcome.failed(failure);

    assertThat(failed.succeeded()).isFalse();
    assertThat(failed).isEqualTo(new Outcome.Failed<String>(failure));
    assertThatThrownBy(() -> Outcome.failed(null)).isInstanceOf(NullPointerException.class);
  }

  @Test
  void aSwitchCoversBothCases() {
    Outcome<String> failed = Outcome.failed(Failure.of(new IOException("x")));

    String described = switch (failed) {
      case Outcome.Success<String> s -> "value " + s.value();
      case Outcome.Failed<String> f -> "failure " + f.failure().message();
    };

    assertThat(described).isEqualTo("failure x");
  }
}
