package dev.twine.internet.nio;

import static dev.twine.internet.nio.RunningReactor.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.twine.defer.Deferred;
import dev.twine.internet.DelayedCall;
import dev.twine.internet.ReactorCore.Phase;
import dev.twine.internet.ReactorCore.SystemEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The NIO reactor's loop: thread hand-off, timers, system event triggers and stopping. */
@Timeout(10)
class NioReactorTest {
  private final List<String> log = Collections.synchronizedList(new ArrayList<>());

  private void trigger(NioReactor reactor, Phase phase, SystemEvent event) {
    reactor.addSystemEventTrigger(phase, event, () -> {
      log.add(phase + " " + event);
      return null;
    });
  }

  @Test
  void callsFromFourThreadsAllRunOnTheReactorThreadInTheOrderEachThreadMadeThem()
      throws InterruptedException {
    int threads = 4;
    int calls = 10_000;
    try (RunningReactor running = new RunningReactor()) {
      NioReactor reactor = running.reactor;
      List<List<Integer>> seen = new ArrayList<>();
      AtomicInteger elsewhere = new AtomicInteger();
      List<Thread> callers = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        List<Integer> mine = new ArrayList<>();
        seen.add(mine);
        callers.add(Thread.ofPlatform().start(() -> {
          for (int i = 0; i < calls; i++) {
            int call = i;
            reactor.callFromThread(() -> {
              if (!reactor.inReactorThread()) {
                elsewhere.incrementAndGet();
              }
              mine.add(call);
            });
          }
        }));
      }
      for (Thread caller : callers) {
        caller.join();
      }

      List<List<Integer>> result = running.call(() -> seen.stream().map(List::copyOf).toList());

      List<Integer> inOrder = IntStream.range(0, calls).boxed().toList();
      assertThat(result).hasSize(threads).allSatisfy(list -> assertThat(list).isEqualTo(inOrder));
      assertThat(elsewhere).hasValue(0);
      assertThat(reactor.inReactorThread()).isFalse();
    }
  }

  @Test
  void delayedCallsRunInTimeOrderUnlessCancelledAndAThrowingOneStopsNothing() {
    try (RunningReactor running = new RunningReactor()) {
      NioReactor reactor = running.reactor;
      CompletableFuture<List<String>> done = new CompletableFuture<>();
      DelayedCall cancelled = running.call(() -> {
        // Far apart, so that a thread descheduled between two lines cannot swap their order.
        reactor.callLater(Duration.ofMillis(300), () -> log.add("30"));
        reactor.callLater(Duration.ofMillis(100), () -> log.add("10 first"));
        reactor.callLater(Duration.ofMillis(200), () -> log.add("20"));
        reactor.callLater(Duration.ofMillis(100), () -> log.add("10 second"));
        reactor.callLater(Duration.ofMillis(120), () -> {
          throw new IllegalStateException("a timer that fails on purpose");
        });
        reactor.callLater(Duration.ZERO, () -> log.add("0"));
        reactor.callLater(Duration.ofMillis(50), () -> log.add("moved")).reset(Duration.ofMillis(250));
        DelayedCall never = reactor.callLater(Duration.ofMillis(150), () -> log.add("cancelled"));
        never.cancel();
        reactor.callLater(Duration.ofMillis(400), () -> done.complete(List.copyOf(log)));
        return never;
      });

      assertThat(await(done)).containsExactly("0", "10 first", "10 second", "20", "moved", "30");
      assertThat(running.call(cancelled::active)).isFalse();
      assertThatThrownBy(() -> running.run(cancelled::cancel))
          .isInstanceOf(IllegalStateException.class).hasMessageContaining("cancelled");
    }
  }

  @Test
  void runFiresTheStartupTriggersThenTheCallsWaitingForIt() {
    NioReactor reactor = new NioReactor();
    trigger(reactor, Phase.AFTER, SystemEvent.STARTUP);
    reactor.callWhenRunning(() -> log.add("running " + reactor.running()));
    trigger(reactor, Phase.DURING, SystemEvent.STARTUP);
    trigger(reactor, Phase.BEFORE, SystemEvent.STARTUP);

    try (RunningReactor running = new RunningReactor(reactor)) {
      assertThat(running.call(() -> List.copyOf(log)))
          .containsExactly("BEFORE STARTUP", "DURING STARTUP", "AFTER STARTUP", "running true");
      running.run(() -> reactor.callWhenRunning(() -> log.add("at once")));
      assertThat(log).endsWith("at once");
    }
  }

  @Test
  void aBeforeShutdownTriggerThatReturnsADeferredHoldsTheShutdownUntilItFires() {
    NioReactor reactor = new NioReactor();
    Deferred<Void> gate = new Deferred<>();
    reactor.addSystemEventTrigger(Phase.BEFORE, SystemEvent.SHUTDOWN, () -> {
      log.add("BEFORE SHUTDOWN");
      return gate;
    });
    trigger(reactor, Phase.DURING, SystemEvent.SHUTDOWN);
    trigger(reactor, Phase.AFTER, SystemEvent.SHUTDOWN);
    RunningReactor running = new RunningReactor(reactor);
    running.run(() -> {});

    reactor.stop();

    assertThat(running.call(() -> List.copyOf(log))).containsExactly("BEFORE SHUTDOWN");
    CompletableFuture<String> timer = new CompletableFuture<>();
    running.run(() -> reactor.callLater(Duration.ofMillis(1), () -> timer.complete("timers still run")));
    assertThat(await(timer)).isEqualTo("timers still run");
    assertThat(running.exited()).isNotDone();
    assertThat(reactor.running()).isFalse();

    reactor.callFromThread(() -> gate.callback(null));

    await(running.exited());
    assertThat(log).containsExactly("BEFORE SHUTDOWN", "DURING SHUTDOWN", "AFTER SHUTDOWN");
    assertThatThrownBy(reactor::run).isInstanceOf(IllegalStateException.class).hasMessageContaining("once");
    assertThatThrownBy(reactor::stop).isInstanceOf(IllegalStateException.class).hasMessageContaining("stopped");
  }

  @Test
  void stopFromACallbackRunsTheShutdownTriggersAndRunReturns() {
    NioReactor reactor = new NioReactor();
    trigger(reactor, Phase.BEFORE, SystemEvent.SHUTDOWN);
    trigger(reactor, Phase.AFTER, SystemEvent.SHUTDOWN);
    reactor.callWhenRunning(reactor::stop);

    reactor.run();

    assertThat(log).containsExactly("BEFORE SHUTDOWN", "AFTER SHUTDOWN");
    assertThat(reactor.running()).isFalse();
  }

  @Test
  @Timeout(value = 10, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void reactExitsWithZeroWhenMainSucceedsAndOneWhenItFails() {
    assertThat(NioReactor.react(reactor -> Deferred.succeed("done"))).isZero();
    assertThat(NioReactor.react(reactor -> {
      Deferred<String> later = new Deferred<>();
      reactor.callLater(Duration.ofMillis(20), () -> later.callback("later"));
      return later;
    })).isZero();
    assertThat(NioReactor.react(reactor -> Deferred.fail(new IllegalStateException("main failed on purpose"))))
        .isEqualTo(1);
    assertThat(NioReactor.react(reactor -> {
      throw new IllegalStateException("main threw on purpose");
    })).isEqualTo(1);
  }

  @Test
  void callWhenRunningFromAnotherThreadWhileRunningRunsTheCallOnTheReactorThread() {
    try (RunningReactor running = new RunningReactor()) {
      running.run(() -> {});
      CompletableFuture<Boolean> ran = new CompletableFuture<>();

      running.reactor.callWhenRunning(() -> ran.complete(running.reactor.inReactorThread()));

      assertThat(await(ran)).isTrue();
    }
  }

  @Test
  void stopIsRefusedBeforeRunAndWhileAlreadyStopping() {
    NioReactor reactor = new NioReactor();
    assertThatThrownBy(reactor::stop).isInstanceOf(IllegalStateException.class).hasMessageContaining("new");

    Deferred<Void> gate = new Deferred<>();
    reactor.addSystemEventTrigger(Phase.BEFORE, SystemEvent.SHUTDOWN, () -> gate);
    RunningReactor running = new RunningReactor(reactor);
    running.run(() -> {});
    reactor.stop();

    assertThatThrownBy(reactor::stop).isInstanceOf(IllegalStateException.class).hasMessageContaining("stopping");
    reactor.callFromThread(() -> gate.callback(null));
    await(running.exited());
  }

  @Test
  void theShutdownGraceStartsOnlyOnceTheBeforeTriggersHaveFired() throws Exception {
    NioReactor reactor = new NioReactor(NioReactor.Options.DEFAULT.withShutdownGrace(Duration.ofMillis(300)));
    Deferred<Void> gate = new Deferred<>();
    reactor.addSystemEventTrigger(Phase.BEFORE, SystemEvent.SHUTDOWN, () -> gate);
    dev.twine.internet.ListeningPort port = reactor.listenTcp(0, dev.twine.internet.Factory.forProtocol(
        () -> new dev.twine.internet.Protocol() {}), 50, "127.0.0.1");
    int portNumber = ((dev.twine.internet.IPv4Address) port.address()).port();
    RunningReactor running = new RunningReactor(reactor);
    try (java.net.Socket client = new java.net.Socket("127.0.0.1", portNumber)) {
      running.run(() -> {});
      reactor.stop();
      Thread.sleep(600); // the real reactor's real grace: twice as long, and it must not have started
      CompletableFuture<Void> closedByServer = CompletableFuture.runAsync(() -> {
        try {
          assertThat(client.getInputStream().read()).isEqualTo(-1);
        } catch (java.io.IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      });
      assertThat(running.exited()).isNotDone();

      reactor.callFromThread(() -> gate.callback(null));

      await(closedByServer);
      await(running.exited());
    }
  }

}
