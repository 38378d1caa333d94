package dev.twine.benchmarks;

import dev.twine.internet.DelayedCall;
import dev.twine.internet.nio.NioReactor;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Measures a burst of {@value #TIMERS} timers on an event loop: each is scheduled, every other
 * one is cancelled, and the rest expire. Twine's {@link NioReactor#callLater} (its timer queue)
 * against the scheduled-task queue of Netty's NIO event loop.
 *
 * <p>Netty's event loop is the comparable peer: like a reactor's timer queue it is a priority
 * queue served by the thread that runs the connections, with nanosecond deadlines, and it is what
 * Netty's own idle and read timeouts use. Netty's {@code HashedWheelTimer} is not: it runs its
 * tasks on a thread of its own and rounds every deadline up to a tick (100 ms by default), so the
 * expiry of a burst would measure its tick rather than its cost.
 *
 * <p>Both loops run on a thread of their own, started once. An operation hands the burst to the
 * loop ({@code callFromThread}, {@code execute}), which schedules the timers 0 to {@value
 * #TIMERS} nanoseconds ahead (distinct deadlines, so that the queues order them), cancels every
 * other one, and counts the rest down as they expire; the benchmark thread waits for the last.
 * The hand-over and wake-up are in the figure on both sides alike.
 *
 * <p>The class is not {@code final} because JMH generates subclasses of its benchmark states.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Thread)
public class TimerQueueBenchmark {
  private static final int TIMERS = 10_000;

  private NioReactor reactor;
  private Thread reactorThread;
  private EventLoopGroup group;
  private EventLoop loop;

  /** Starts a reactor and a one-thread Netty event loop, each on a thread of its own. */
  @Setup
  public void setUp() {
    reactor = new NioReactor();
    reactorThread = new Thread(reactor::run, "twine-reactor");
    reactorThread.start();
    group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    loop = group.next();
  }

  /** Stops both loops and waits for them. */
  @TearDown
  public void tearDown() throws InterruptedException {
    reactor.callWhenRunning(reactor::stop);
    reactorThread.join();
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
  }

  /** Twine: callLater, cancel, expiry on the reactor's thread. */
  @Benchmark
  public void twine() throws InterruptedException {
    CountDownLatch done = new CountDownLatch(1);
    reactor.callFromThread(() -> {
      int[] left = {TIMERS / 2};
      Runnable expire = () -> {
        if (--left[0] == 0) {
          done.countDown();
        }
      };
      DelayedCall[] calls = new DelayedCall[TIMERS];
      for (int i = 0; i < TIMERS; i++) {
        calls[i] = reactor.callLater(Duration.ofNanos(i), expire);
      }
      for (int i = 1; i < TIMERS; i += 2) {
        calls[i].cancel();
      }
    });
    done.await();
  }

  /** Netty: schedule, cancel, expiry on the event loop's thread. */
  @Benchmark
  public void netty() throws InterruptedException {
    CountDownLatch done = new CountDownLatch(1);
    loop.execute(() -> {
      int[] left = {TIMERS / 2};
      Runnable expire = () -> {
        if (--left[0] == 0) {
          done.countDown();
        }
      };
      ScheduledFuture<?>[] tasks = new ScheduledFuture<?>[TIMERS];
      for (int i = 0; i < TIMERS; i++) {
        tasks[i] = loop.schedule(expire, i, TimeUnit.NANOSECONDS);
      }
      for (int i = 1; i < TIMERS; i += 2) {
        tasks[i].cancel(false);
      }
    });
    done.await();
  }
}
