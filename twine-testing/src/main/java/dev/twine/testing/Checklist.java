package dev.twine.testing;

import dev.twine.defer.Failure;
import dev.twine.defer.UnhandledFailures;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * What {@link TwineExtension} checks when one test, or one test class, is over: the resources it
 * handed out there and, for a test, the Deferred failures left unhandled while it ran.
 *
 * <p>Threading: used on the thread that runs the test's callbacks.
 */
final class Checklist {
  private final Map<TestResource<?>, Object> resources = new LinkedHashMap<>();
  private UnhandledFailures.@Nullable Recording recording;

  /**
   * Returns the resource of {@code kind} for this scope, made on first use; making it may make
   * the resources it shares (a MemoryReactor takes the scope's Clock).
   */
  <T> T resource(TestResource<T> kind) {
    Object made = resources.get(kind);
    if (made == null) {
      made = kind.factory().apply(this);
      resources.put(kind, made);
    }
    return kind.type().cast(made);
  }

  /** Starts recording the Deferred failures left unhandled until {@link #findings}. */
  void recordUnhandledFailures() {
    recording = UnhandledFailures.record();
  }

  /**
   * Stops recording and returns one error per thing left behind: the unhandled failures, which
   * are flushed so that they are neither reported again nor logged, then each resource's
   * leftovers.
   */
  List<AssertionError> findings(ExtensionContext context) {
    List<AssertionError> findings = new ArrayList<>();
    UnhandledFailures.Recording finished = recording;
    if (finished != null) {
      recording = null;
      finished.close();
      List<Failure> unhandled = finished.flush();
      if (!unhandled.isEmpty()) {
        findings.add(new AssertionError(describe(unhandled)));
      }
    }
    resources.forEach((kind, resource) -> kind.check(resource, context)
        .ifPresent(message -> findings.add(new AssertionError(message))));
    return findings;
  }

  private static String describe(List<Failure> unhandled) {
    StringBuilder message = new StringBuilder()
        .append("Deferred failures left unhandled by the test (").append(unhandled.size())
        .append("); handle them in the chain, or take them with")
        .append(" DeferredAssertions.failureResultOf:");
    for (int i = 0; i < unhandled.size(); i++) {
      message.append("\n\nUnhandled failure ").append(i + 1).append(" of ").append(unhandled.size())
          .append(":\n").append(unhandled.get(i).traceback());
    }
    return message.toString();
  }
}
