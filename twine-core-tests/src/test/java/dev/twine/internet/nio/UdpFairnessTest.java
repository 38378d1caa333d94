package dev.twine.internet.nio;

import static org.assertj.core.api.Assertions.assertThat;

import dev.twine.bytes.Bytes;
import dev.twine.internet.Address;
import dev.twine.internet.DatagramProtocol;
import dev.twine.internet.DatagramTransport;
import dev.twine.internet.Factory;
import dev.twine.internet.IPv4Address;
import dev.twine.internet.ListeningPort;
import dev.twine.internet.Protocol;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A flood of datagrams gets a bounded share of each turn, so other connections keep theirs. */
class UdpFairnessTest {
  private static final int READS_PER_TURN = 4;

  /** Counts datagrams, and the most delivered between two turns of the loop. */
  static final class Counter extends DatagramProtocol {
    final AtomicInteger total = new AtomicInteger();
    final AtomicInteger mostInOneTurn = new AtomicInteger();
    final CountDownLatch flooded = new CountDownLatch(1000);
    int thisTurn;

    @Override
    public void datagramReceived(Bytes data, Address from) {
      total.incrementAndGet();
      flooded.countDown();
      thisTurn++;
    }

    void turnEnded() {
      mostInOneTurn.accumulateAndGet(thisTurn, Math::max);
      thisTurn = 0;
    }
  }

  static final class Echo extends Protocol {
    @Override
    public void dataReceived(Bytes data) {
      transport().write(data);
    }
  }

  @Test
  @Timeout(30)
  void aFloodOfDatagramsDoesNotStarveATcpConnection() throws Exception {
    NioReactor.Options defaults = NioReactor.Options.DEFAULT;
    NioReactor reactor = new NioReactor(new NioReactor.Options(defaults.slowCallThreshold(),
        defaults.readBufferSize(), READS_PER_TURN, defaults.shutdownGrace(), defaults.threadPool()));
    Counter counter = new Counter();
    DatagramTransport udp = reactor.listenUdp(0, counter, "127.0.0.1", 8192);
    ListeningPort tcp = reactor.listenTcp(0, Factory.forProtocol(Echo::new), 50, "127.0.0.1");
    // Calls handed over from the reactor's own thread run once per turn, after the dispatch.
    reactor.callWhenRunning(new Runnable() {
      @Override
      public void run() {
        counter.turnEnded();
        if (reactor.running()) {
          reactor.callFromThread(this);
        }
      }
    });
    Thread loop = Thread.ofPlatform().name("udp-fairness-reactor").start(reactor::run);
    AtomicBoolean flooding = new AtomicBoolean(true);
    Thread flood = Thread.ofPlatform().name("udp-flood").start(() -> flood(udp, flooding));
    try {
      assertThat(counter.flooded.await(10, TimeUnit.SECONDS)).as("the flood arrives").isTrue();
      int before = counter.total.get();
      try (Socket socket = new Socket("127.0.0.1", ((IPv4Address) tcp.address()).port())) {
        socket.setSoTimeout(5000);
        for (int i = 0; i < 20; i++) {
          assertThat(roundTrip(socket, "ping " + i)).isEqualTo("ping " + i);
        }
      }
      // The flood thread may be descheduled on a busy machine: give it a bounded moment.
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
      while (counter.total.get() == before && System.nanoTime() < deadline) {
        Thread.onSpinWait();
      }
      assertThat(counter.total.get()).as("datagrams kept arriving").isGreaterThan(before);
    } finally {
      flooding.set(false);
      flood.join();
      reactor.callFromThread(reactor::stop);
      loop.join(10_000);
    }
    assertThat(counter.mostInOneTurn.get()).isBetween(1, READS_PER_TURN);
  }

  /** Sends 64-byte datagrams as fast as the kernel takes them, for at most ten seconds. */
  private static void flood(DatagramTransport target, AtomicBoolean flooding) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    try (DatagramChannel channel = DatagramChannel.open()) {
      InetSocketAddress to = (InetSocketAddress) target.host().socketAddress();
      ByteBuffer datagram = ByteBuffer.allocate(64);
      while (flooding.get() && System.nanoTime() < deadline) {
        datagram.clear();
        channel.send(datagram, to);
      }
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static String roundTrip(Socket socket, String text) throws java.io.IOException {
    OutputStream out = socket.getOutputStream();
    out.write(text.getBytes(StandardCharsets.UTF_8));
    out.flush();
    InputStream in = socket.getInputStream();
    byte[] reply = new byte[text.length()];
    int read = 0;
    while (read < reply.length) {
      int count = in.read(reply, read, reply.length - read);
      if (count < 0) {
        break;
      }
      read += count;
    }
    return new String(reply, 0, read, StandardCharsets.UTF_8);
  }
}
