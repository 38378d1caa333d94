package dev.twine.internet;

/**
 * The failure of a {@link CooperativeTask#whenDone()} Deferred when the task was stopped before
 * its iterator was exhausted: by {@link CooperativeTask#stop()} (Twisted's {@code TaskStopped}) or
 * by {@link Cooperator#stop()} (Twisted's {@code SchedulerStopped}); the message says which.
 */
public final class TaskStoppedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Creates one with the given message. */
  public TaskStoppedException(String message) {
    super(message);
  }
}
