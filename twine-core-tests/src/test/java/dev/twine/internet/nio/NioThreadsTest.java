package dev.twine.internet.nio;

import static dev.twine.internet.nio.RunningReactor.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.twine.defer.Deferred;
import dev.twine.defer.Failure;
import dev.twine.internet.Threads;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@link Threads} on the NIO reactor: blocking work elsewhere, results back on the reactor thread. */
@Timeout(10)
class NioThreadsTest {
  private final RunningReactor running = new RunningReactor();
  private final NioReactor reactor = running.reactor;

  @AfterEach
  void stop() {
    running.close();
  }

  @Test
  void deferToThreadRunsTheWorkOffTheReactorThreadAndDeliversTheResultOnIt() {
    CompletableFuture<String> delivered = new CompletableFuture<>();
    running.run(() -> Threads.deferToThread(reactor, () -> "worked in reactor thread: " + reactor.inReactorThread())
        .onSuccess(value -> delivered.complete(value + ", delivered in reactor thread: " + reactor.inReactorThread())));

    assertThat(await(delivered))
        .isEqualTo("worked in reactor thread: false, delivered in reactor thread: true");
  }

  @Test
  void deferToThreadDeliversTheExceptionOfTheWorkAsAFailure() {
    CompletableFuture<Failure> delivered = new CompletableFuture<>();
    running.run(() -> Threads.<String>deferToThread(reactor, () -> {
      throw new IOException("disk on fire");
    }).onFailure(delivered::complete).recover(failure -> "handled"));

    assertThat(await(delivered).exception()).isInstanceOf(IOException.class).hasMessage("disk on fire");
  }

  @Test
  void blockingCallFromThreadWaitsForTheDeferredMadeOnTheReactorThread() throws Exception {
    boolean madeOnReactorThread = Threads.blockingCallFromThread(reactor, () -> {
      Deferred<Boolean> later = new Deferred<>();
      boolean here = reactor.inReactorThread();
      reactor.callLater(Duration.ofMillis(10), () -> later.callback(here));
      return later;
    });
    assertThat(madeOnReactorThread).isTrue();

    assertThatThrownBy(() -> Threads.blockingCallFromThread(reactor,
        () -> Deferred.fail(new IllegalArgumentException("bad request"))))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("bad request");
  }

  @Test
  void blockingCallFromThreadOnTheReactorThreadFailsInsteadOfDeadlocking() {
    assertThatThrownBy(() -> running.call(() -> Threads.blockingCallFromThread(reactor, () -> Deferred.succeed(1))))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("deadlock");
  }
}
