package dev.twine.internet.nio;

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
 * The system event triggers of a reactor: each event runs its "before" triggers, waits for the
 * Deferreds they return, then runs its "during" and "after" triggers (Twisted's three-phase
 * events).
 *
 * <p>Threading: confined to the reactor thread, except adding before the reactor runs.
 */
final class Triggers {
  private static final System.Logger LOG = System.getLogger(NioReactor.class.getName());

  private final Map<SystemEvent, Map<Phase, List<Trigger>>> triggers = new EnumMap<>(SystemEvent.class);

  synchronized Object add(Phase phase, SystemEvent event, Supplier<? extends @Nullable Deferred<?>> call) {
    Trigger trigger = new Trigger(phase, event, call);
    triggers.computeIfAbsent(event, e -> new EnumMap<>(Phase.class))
        .computeIfAbsent(phase, p -> new ArrayList<>())
        .add(trigger);
    return trigger;
  }

  synchronized void remove(Object handle) {
    if (!(handle instanceof Trigger trigger) || !list(trigger.event, trigger.phase).remove(trigger)) {
      throw new IllegalArgumentException("not a registered system event trigger: " + handle);
    }
  }

  /**
   * Fires {@code event}: "before" triggers now, "during" and {@code during} once their Deferreds
   * have fired, then "after" triggers when {@code during} calls its continuation.
   */
  void fire(SystemEvent event, DuringPhase during) {
    List<Deferred<?>> waits = new ArrayList<>();
    for (Trigger trigger : take(event, Phase.BEFORE)) {
      Deferred<?> wait = run(trigger);
      if (wait != null) {
        waits.add(wait);
      }
    }
    int[] pending = {waits.size()};
    Runnable continueFiring = () -> {
      take(event, Phase.DURING).forEach(this::run);
      during.run(() -> take(event, Phase.AFTER).forEach(this::run));
    };
    if (pending[0] == 0) {
      continueFiring.run();
      return;
    }
    for (Deferred<?> wait : waits) {
      wait.transform(outcome -> {
        if (outcome instanceof dev.twine.defer.Outcome.Failed<?> failed) {
          LOG.log(System.Logger.Level.ERROR, "a " + event + " trigger failed:\n" + failed.failure().traceback());
        }
        if (--pending[0] == 0) {
          continueFiring.run();
        }
        return null;
      });
    }
  }

  /** The reactor's own work in an event's "during" phase, which calls {@code after} when done. */
  interface DuringPhase {
    void run(Runnable after);
  }

  private synchronized List<Trigger> take(SystemEvent event, Phase phase) {
    List<Trigger> list = list(event, phase);
    List<Trigger> taken = List.copyOf(list);
    list.clear();
    return taken;
  }

  private List<Trigger> list(SystemEvent event, Phase phase) {
    return triggers.computeIfAbsent(event, e -> new EnumMap<>(Phase.class))
        .computeIfAbsent(phase, p -> new ArrayList<>());
  }

  private @Nullable Deferred<?> run(Trigger trigger) {
    try {
      return trigger.call.get();
    } catch (Throwable e) {
      LOG.log(System.Logger.Level.ERROR, "a " + trigger.event + " trigger failed", e);
      return null;
    }
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
