package dev.twine.testing;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * Runs fixture test classes, which only serve to test the extension from the outside, with
 * JUnit's EngineTestKit. Elsewhere (an IDE running the whole package) they are skipped.
 */
final class Fixtures {
  private static final String RUN_FIXTURES = "dev.twine.testing.fixtures";

  private Fixtures() {}

  /** Marks a test class that runs only under {@link #run}. */
  @Retention(RetentionPolicy.RUNTIME)
  @Target(ElementType.TYPE)
  @EnabledIf(value = "dev.twine.testing.Fixtures#requested",
      disabledReason = "a fixture, run by EngineTestKit from another test")
  @interface Fixture {}

  static boolean requested(ExtensionContext context) {
    return context.getConfigurationParameter(RUN_FIXTURES).isPresent();
  }

  /** Runs the tests of {@code fixture} on the Jupiter engine and returns what happened. */
  static EngineExecutionResults run(Class<?> fixture) {
    return EngineTestKit.engine("junit-jupiter")
        .configurationParameter(RUN_FIXTURES, "true")
        .selectors(selectClass(fixture))
        .execute();
  }
}
