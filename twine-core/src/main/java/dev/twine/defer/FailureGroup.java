package dev.twine.defer;

import java.util.List;

/**
 * The failure of a {@link DeferredList#firstSuccess} or {@link DeferredList#race} in which no
 * Deferred succeeded: it carries the failure of each, in the order of the list (Twisted's
 * {@code FailureGroup}). Their exceptions are attached as suppressed exceptions, so a logged stack
 * trace shows all of them.
 */
public final class FailureGroup extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient List<Failure> failures;

  /** Creates one for {@code failures}, the failure of each Deferred in the order of the list. */
  public FailureGroup(List<Failure> failures) {
    super(describe(failures));
    this.failures = List.copyOf(failures);
    for (Failure failure : this.failures) {
      addSuppressed(failure.exception());
    }
  }

  private static String describe(List<Failure> failures) {
    if (failures.isEmpty()) {
      return "no Deferred to succeed: the list was empty";
    }
    StringBuilder message = new StringBuilder("all " + failures.size() + " Deferreds failed:");
    for (int i = 0; i < failures.size(); i++) {
      message.append(i == 0 ? " #" : "; #").append(i).append(' ');
      message.append(failures.get(i).exception());
    }
    return message.toString();
  }

  /** Returns the failures, one per Deferred, in the order of the list. */
  public List<Failure> failures() {
    return failures;
  }
}
