package dev.twine.testing;

import dev.twine.defer.Deferred;
import dev.twine.internet.ReactorCore.Phase;
import dev.twine.internet.ReactorCore.SystemEvent;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The system event triggers of a {@link MemoryReactor}, with Twisted's three phases: an event runs
 * its "before" triggers, waits for the Deferreds they return, then runs its "during" triggers, the
 * reactor's own work, and its "after" triggers. Triggers run once: firing an event removes them.
 *
 * <p>Unlike a real reactor's, these do not log what goes wrong: an exception thrown by a trigger
 * propagates to whatever fired the event, and a failed Deferred returned by a "before" trigger
 * keeps its failure, so the test sees both.
 *
 * <p>Threading: confined to the test's thread.
 */
final class EventTriggers {
  private final Map<SystemEvent, Map<Phase, List<Trigger>>> triggers = new EnumMap<>(SystemEvent.class);

  Object add(Phase phase, SystemEvent event, Supplier<? extends @Nullable Deferred<?>> call) {
    Trigger trigger = new Trigger(phase, event, call);
    list(event, phase).add(trigger);
    return trigger;
  }

  void remove(Object handle) {
    if (!(handle instanceof Trigger trigger) || !list(trigger.event, trigger.phase).remove(trigger)) {
      throw new IllegalArgumentException("not a registered system event trigger: " + handle);
    }
  }

  /**
   * Fires {@code event}: "before" triggers now; once the Deferreds they returned have all fired,
   * "during" triggers, then {@code reactorWork}, then "after" triggers, then {@code done}.
   */
  void fire(SystemEvent event, Runnable reactorWork, Runnable done) {
    List<Deferred<?>> waits = new ArrayList<>();
    List<Trigger> before = list(event, Phase.BEFORE);
    while (!before.isEmpty()) {
      Deferred<?> wait = before.remove(0).call.get();
      if (wait != null) {
        waits.add(wait);
      }
    }
    int[] pending = {waits.size()};
    Runnable rest = () -> {
      runAll(event, Phase.DURING);
      reactorWork.run();
      runAll(event, Phase.AFTER);
      done.run();
    };
    if (waits.isEmpty()) {
      rest.run();
      return;
    }
    for (Deferred<?> wait : waits) {
      wait.always(outcome -> {
        if (--pending[0] == 0) {
          rest.run();
        }
      });
    }
  }

  private void runAll(SystemEvent event, Phase phase) {
    List<Trigger> due = list(event, phase);
    while (!due.isEmpty()) {
      due.remove(0).call.get();
    }
  }

  private List<Trigger> list(SystemEvent event, Phase phase) {
    return triggers.computeIfAbsent(event, e -> new EnumMap<>(Phase.class))
        .computeIfAbsent(phase, p -> new ArrayList<>());
  }

  /** One registered trigger; its identity is its handle. */
  private static final class Trigger {
    final Phase phase;
    final SystemEvent event;
    final Supplier<? extends @Nullable Deferred<?>> call;

    Trigger(Phase phase, SystemEvent event, Supplier<? extends @Nullable Deferred<?>> call) {
      this.phase = phase;
      this.event = event;
      this.call = call;
    }

    @Override
    public String toString() {
      return "Trigger[" + phase + " " + event + ": " + call + "]";
    }
  }
}
