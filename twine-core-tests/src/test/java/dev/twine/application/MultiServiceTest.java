package dev.twine.application;

import static dev.twine.testing.DeferredAssertions.assertNoResult;
import static dev.twine.testing.DeferredAssertions.successResultOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.twine.defer.Deferred;
import dev.twine.testing.TwineTest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

@TwineTest
class MultiServiceTest {
  private final List<String> events = new ArrayList<>();
  private final MultiService parent = new MultiService();

  /** A service that records its starts and stops; each stop fires when the test says. */
  final class Child implements Service {
    final String name;
    final List<Deferred<Void>> stops = new ArrayList<>();
    boolean running;

    Child(String name) {
      this.name = name;
    }

    @Override
    public void startService() {
      events.add("start " + name);
      running = true;
    }

    @Override
    public Deferred<Void> stopService() {
      events.add("stop " + name);
      running = false;
      Deferred<Void> stop = new Deferred<>();
      stops.add(stop);
      return stop;
    }

    @Override
    public boolean running() {
      return running;
    }

    void stopped() {
      stops.get(stops.size() - 1).callback(null);
    }
  }

  @Test
  void startsTheChildrenInOrderAndStopsThemInReverseOrderAllAtOnce() {
    Child a = new Child("a");
    Child b = new Child("b");
    Child c = new Child("c");
    parent.addService(a);
    parent.addService("b", b);
    parent.addService(c);
    assertThat(events).isEmpty();

    parent.startService();
    assertThat(parent.running()).isTrue();
    Deferred<Void> stopped = parent.stopService();

    assertThat(events).containsExactly("start a", "start b", "start c", "stop c", "stop b", "stop a");
    assertThat(parent.running()).isFalse();
    a.stopped();
    c.stopped();
    b.stopped();
    successResultOf(stopped);
  }

  @Test
  void stoppingFiresOnlyOnceEveryChildHasStopped() {
    Child a = new Child("a");
    Child b = new Child("b");
    parent.addService(a);
    parent.addService(b);
    parent.startService();

    Deferred<Void> stopped = parent.stopService();
    assertNoResult(stopped);
    b.stopped();
    assertNoResult(stopped);
    a.stopped();

    successResultOf(stopped);
  }

  @Test
  void startingTwiceStartsTheChildrenOnceAndStoppingWhenStoppedStopsNothing() {
    parent.addService(new Child("a"));

    successResultOf(parent.stopService());
    parent.startService();
    parent.startService();

    assertThat(events).containsExactly("start a");
  }

  @Test
  void aChildAddedWhileRunningIsStartedAtOnceAndOneAddedWhileStoppedIsNot() {
    Child early = new Child("early");
    parent.addService(early);
    parent.startService();

    Child late = new Child("late");
    parent.addService("late", late);

    assertThat(events).containsExactly("start early", "start late");
    Deferred<Void> stopped = parent.stopService();
    early.stopped();
    late.stopped();
    successResultOf(stopped);
    parent.addService(new Child("after"));
    assertThat(events).containsExactly("start early", "start late", "stop late", "stop early");
  }

  @Test
  void findsChildrenByNameAndListsThemInOrder() {
    Child a = new Child("a");
    Child b = new Child("b");
    parent.addService("first", a);
    parent.addService(b);

    assertThat(parent.service("first")).containsSame(a);
    assertThat(parent.service("second")).isEmpty();
    assertThat(parent.services()).containsExactly(a, b);
    assertThatThrownBy(() -> parent.services().clear()).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void aNameOrAServiceCannotBeAddedTwice() {
    Child a = new Child("a");
    parent.addService("first", a);

    assertThatThrownBy(() -> parent.addService("first", new Child("b")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("a service is already named \"first\"");
    assertThatThrownBy(() -> parent.addService("other", a))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("service already added: ");
    assertThat(parent.service("other")).isEmpty();
    assertThat(parent.services()).containsExactly(a);
  }

  @Test
  void removingARunningChildStopsItAndForgetsItsName() {
    Child a = new Child("a");
    Child b = new Child("b");
    parent.addService("a", a);
    parent.addService(b);
    parent.startService();

    Deferred<Void> removed = parent.removeService(a);

    assertThat(events).containsExactly("start a", "start b", "stop a");
    assertNoResult(removed);
    a.stopped();
    successResultOf(removed);
    assertThat(parent.service("a")).isEmpty();
    assertThat(parent.services()).containsExactly(b);
    Deferred<Void> stopped = parent.stopService();
    b.stopped();
    successResultOf(stopped);
    assertThat(events).containsExactly("start a", "start b", "stop a", "stop b");
  }

  @Test
  void removingAStoppedChildDoesNotStopIt() {
    Child a = new Child("a");
    parent.addService(a);

    successResultOf(parent.removeService(a));

    assertThat(events).isEmpty();
    assertThat(parent.services()).isEmpty();
    assertThatThrownBy(() -> parent.removeService(a))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("not a child service: ");
  }

  @Test
  void servicesNestAsATree() {
    MultiService inner = new MultiService();
    Child leaf = new Child("leaf");
    inner.addService(leaf);
    parent.addService(inner);
    parent.addService(new Child("sibling"));

    parent.startService();
    Deferred<Void> stopped = parent.stopService();
    assertNoResult(stopped);
    leaf.stopped();
    assertNoResult(stopped);
    ((Child) parent.services().get(1)).stopped();

    successResultOf(stopped);
    assertThat(inner.running()).isFalse();
    assertThat(events).containsExactly("start leaf", "start sibling", "stop sibling", "stop leaf");
  }
}
