package dev.twine.internet.nio;

import static dev.twine.internet.nio.Recorder.pattern;
import static dev.twine.internet.nio.RunningReactor.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.twine.bytes.Bytes;
import dev.twine.defer.Deferred;
import dev.twine.defer.Failure;
import dev.twine.internet.Address;
import dev.twine.internet.ByteBufferProtocol;
import dev.twine.internet.CannotListen;
import dev.twine.internet.ClientFactory;
import dev.twine.internet.ConnectError;
import dev.twine.internet.ConnectionAborted;
import dev.twine.internet.ConnectionClosed;
import dev.twine.internet.ConnectionDone;
import dev.twine.internet.Connector;
import dev.twine.internet.Factory;
import dev.twine.internet.ListeningPort;
import dev.twine.internet.Protocol;
import dev.twine.internet.PullProducer;
import dev.twine.internet.PushProducer;
import dev.twine.internet.StreamTransport;
import dev.twine.protocols.ProtocolWrapper;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The behaviour every stream transport of the NIO reactor owes its protocols, run over real
 * loopback sockets by one subclass per kind of socket. Each test runs the reactor on a thread of
 * its own, set up and checked from the test's thread.
 *
 * <p>It is longer than most files on purpose: it is the one list of obligations that each kind of
 * socket is held to, and splitting it would mean a subclass per part and per kind.
 */
@Timeout(10)
abstract class StreamTransportContract {
  static final int BACKLOG = 1024;

  RunningReactor running;
  NioReactor reactor;
  @TempDir Path files;

  /** Listens with {@code factory} on a fresh address of this kind; called on the reactor thread. */
  abstract ListeningPort listen(Factory factory);

  /** Listens with {@code factory} on {@code address}; called on the reactor thread. */
  abstract ListeningPort listenOn(Address address, Factory factory);

  /** Connects to {@code address} with {@code factory}; called on the reactor thread. */
  abstract Connector connect(Address address, ClientFactory factory);

  /**
   * Returns what the peer of a connection that this side aborts hears: TCP sends a reset, but a
   * UNIX socket can only end its stream.
   */
  abstract Class<? extends ConnectionClosed> peerReasonWhenAborted();

  /**
   * Returns how connecting fails where nothing listens any more: TCP is refused, while the file of
   * a UNIX socket is gone.
   */
  abstract Class<? extends ConnectError> refusedWhenNothingListens();

  @BeforeEach
  void startReactor() {
    running = new RunningReactor();
    reactor = running.reactor;
  }

  @AfterEach
  void stopReactor() {
    running.close();
  }

  /** A server and a client protocol, both connected. */
  record Connected<S extends Protocol, C extends Protocol>(ListeningPort port, S server, C client) {}

  /** Listens with protocols from {@code server}, connects {@code client}, and waits for both. */
  <S extends Recorder, C extends Recorder> Connected<S, C> connected(Supplier<S> server, C client) {
    CompletableFuture<S> accepted = new CompletableFuture<>();
    ListeningPort port = running.call(() -> listen(address -> {
      S protocol = server.get();
      accepted.complete(protocol);
      return protocol;
    }));
    running.run(() -> connect(port.address(), ClientFactory.forProtocol(() -> client)));
    S serverProtocol = await(accepted);
    await(serverProtocol.made);
    await(client.made);
    return new Connected<>(port, serverProtocol, client);
  }

  /** Listens with a factory that wraps {@code server} in a {@link ProtocolWrapper}, and connects {@code client}. */
  void connectWrapped(Protocol server, Protocol client) {
    ListeningPort port = running.call(() -> listen(address -> new ProtocolWrapper(server)));
    running.run(() -> connect(port.address(), ClientFactory.forProtocol(() -> client)));
  }

  /** A client that writes {@code text} once connected and then stops writing. */
  static Recorder.HalfClosing halfClosingAfter(String text) {
    return new Recorder.HalfClosing() {
      @Override
      public void connectionMade() {
        super.connectionMade();
        transport().write(Bytes.utf8(text));
        ((StreamTransport) transport()).loseWriteConnection();
      }
    };
  }

  /** Echoes what it receives. */
  static class Echo extends Recorder {
    @Override
    public void dataReceived(Bytes data) {
      super.dataReceived(data);
      transport().write(data);
    }
  }

  @Test
  void echoesARoundTripBetweenTheRightAddresses() {
    Recorder client = new Recorder() {
      @Override
      public void connectionMade() {
        super.connectionMade();
        transport().write(Bytes.utf8("hello, "));
        transport().writeSequence(List.of(Bytes.utf8("echo"), Bytes.utf8("!")));
      }
    };
    Connected<Echo, Recorder> pair = connected(Echo::new, client);

    assertThat(await(client.receivedAtLeast(12)).utf8()).isEqualTo("hello, echo!");
    assertThat(client.transport().peer()).isEqualTo(pair.port().address());
    assertThat(pair.server().transport().host()).isEqualTo(pair.port().address());
    assertThat(client.thread).isEqualTo("reactor-under-test");
  }

  @Test
  void aCleanCloseByTheClientEndsBothSidesWithConnectionDone() {
    Connected<Recorder, Recorder> pair = connected(Recorder::new, new Recorder());
    running.run(() -> pair.client().transport().loseConnection());

    assertThat(await(pair.client().lost).exception()).isInstanceOf(ConnectionDone.class);
    assertThat(await(pair.server().lost).exception()).isInstanceOf(ConnectionDone.class);
    assertThat(pair.client().events).containsExactly("made", "lost ConnectionDone");
    assertThat(pair.server().events).containsExactly("made", "lost ConnectionDone");
  }

  @Test
  void aCleanCloseByTheServerEndsBothSidesWithConnectionDone() {
    Connected<Recorder, Recorder> pair = connected(Recorder::new, new Recorder());
    running.run(() -> {
      pair.server().transport().loseConnection();
      pair.server().transport().loseConnection();
    });

    assertThat(await(pair.client().lost).exception()).isInstanceOf(ConnectionDone.class);
    assertThat(await(pair.server().lost).exception()).isInstanceOf(ConnectionDone.class);
    assertThat(pair.client().events).containsExactly("made", "lost ConnectionDone");
    assertThat(pair.server().events).containsExactly("made", "lost ConnectionDone");
  }

  @Test
  void abortingTellsTheAborterConnectionAbortedAndThePeerItLostTheConnection() {
    Connected<Recorder, Recorder> pair = connected(Recorder::new, new Recorder());
    running.run(() -> {
      pair.client().transport().write(pattern(0, 1 << 20));
      pair.client().transport().abortConnection();
      assertThat(pair.client().events).as("connectionLost waits for the caller to return")
          .containsExactly("made");
      pair.client().transport().abortConnection();
    });

    assertThat(await(pair.client().lost).exception()).isInstanceOf(ConnectionAborted.class);
    assertThat(await(pair.server().lost).exception()).isInstanceOf(peerReasonWhenAborted());
    assertThat(pair.client().events).containsExactly("made", "lost ConnectionAborted");
    assertThat(pair.server().receivedCount()).as("what was queued is dropped").isZero();
  }

  @Test
  void loseConnectionSendsEverythingQueuedFirst() {
    int size = 10 << 20;
    Recorder server = new Recorder() {
      @Override
      public void connectionMade() {
        super.connectionMade();
        for (int offset = 0; offset < size; offset += 65536) {
          transport().write(pattern(offset, 65536));
        }
        transport().loseConnection();
        transport().write(Bytes.utf8("!"));
      }
    };
    Connected<Recorder, Recorder> pair = connected(() -> server, new Recorder());

    assertThat(await(pair.client().lost).exception()).isInstanceOf(ConnectionDone.class);
    assertThat(pair.client().received()).isEqualTo(pattern(0, size).concat(Bytes.utf8("!")));
    assertThat(await(server.lost).exception()).isInstanceOf(ConnectionDone.class);
  }

  @Test
  void manySmallWritesArriveWholeAndInOrderThroughPartialWrites() {
    int size = 4 << 20;
    Recorder server = new Recorder() {
      @Override
      public void connectionMade() {
        super.connectionMade();
        // Pieces of 1 to 200 bytes, far more than the kernel takes at once: the writes that copy
        // them together are cut anywhere, inside a piece or between two.
        int offset = 0;
        for (int piece = 1; offset < size; piece = piece % 200 + 1) {
          int length = Math.min(piece, size - offset);
          transport().write(pattern(offset, length));
          offset += length;
        }
        transport().loseConnection();
      }
    };
    Connected<Recorder, Recorder> pair = connected(() -> server, new Recorder());

    assertThat(await(pair.client().lost).exception()).isInstanceOf(ConnectionDone.class);
    assertThat(pair.client().received()).isEqualTo(pattern(0, size));
  }

  @Test
  void aHalfCloseableServerAnswersAfterTheClientStopsWriting() {
    Recorder.HalfClosing client = new Recorder.HalfClosing() {
      @Override
      public void connectionMade() {
        super.connectionMade();
        transport().write(Bytes.utf8("question"));
        ((StreamTransport) transport()).loseWriteConnection();
        transport().write(Bytes.utf8(" not sent"));
      }
    };
    Recorder.HalfClosing server = new Recorder.HalfClosing() {
      @Override
      public void readConnectionLost() {
        super.readConnectionLost();
        transport().write(Bytes.utf8("answer to ").concat(received()));
        transport().loseConnection();
      }
    };
    connected(() -> server, client);

    assertThat(await(client.lost).exception()).isInstanceOf(ConnectionDone.class);
    assertThat(await(server.lost).exception()).isInstanceOf(ConnectionDone.class);
    assertThat(client.received().utf8()).isEqualTo("answer to question");
    assertThat(server.events).containsExactly("made", "readConnectionLost", "lost ConnectionDone");
    assertThat(client.events)
        .containsExactly("made", "writeConnectionLost", "readConnectionLost", "lost ConnectionDone");
  }

  @Test
  void aServerThatIsNotHalfCloseableLosesTheConnectionWhenTheClientStopsWriting() {
    Recorder.HalfClosing client = halfClosingAfter("bye");
    Connected<Recorder, Recorder.HalfClosing> pair = connected(Recorder::new, client);

    assertThat(await(pair.server().lost).exception()).isInstanceOf(ConnectionDone.class);
    assertThat(await(client.lost).exception()).isInstanceOf(ConnectionDone.class);
    assertThat(pair.server().received().utf8()).isEqualTo("bye");
    assertThat(pair.server().events).containsExactly("made", "lost ConnectionDone");
  }

  @Test
  void aWrappedHalfCloseableServerHearsTheHalfCloseAndStillSendsAFileDirectly() throws IOException {
    int size = 1 << 20;
    try (FileChannel file = patternFile(size)) {
      CompletableFuture<Boolean> direct = new CompletableFuture<>();
      Recorder.HalfClosing server = new Recorder.HalfClosing() {
        @Override
        public void readConnectionLost() {
          super.readConnectionLost();
          direct.complete(transport().sendsFilesDirectly());
          transport().write(received());
          transport().writeFile(file, 0, size);
          transport().loseConnection();
        }
      };
      Recorder.HalfClosing client = halfClosingAfter("question");
      connectWrapped(server, client);

      assertThat(await(client.lost).exception()).isInstanceOf(ConnectionDone.class);
      assertThat(client.received()).isEqualTo(Bytes.utf8("question").concat(pattern(0, size)));
      assertThat(await(direct)).as("a wrapper hands file regions to the socket").isTrue();
      assertThat(await(server.lost).exception()).isInstanceOf(ConnectionDone.class);
      assertThat(server.events).containsExactly("made", "readConnectionLost", "lost ConnectionDone");
    }
  }

  @Test
  void aWrappedServerThatIsNotHalfCloseableLosesTheConnectionWhenTheClientStopsWriting() {
    Recorder server = new Recorder();
    Recorder.HalfClosing client = halfClosingAfter("bye");
    connectWrapped(server, client);

    assertThat(await(server.lost).exception()).isInstanceOf(ConnectionDone.class);
    assertThat(await(client.lost).exception()).isInstanceOf(ConnectionDone.class);
    assertThat(server.received().utf8()).isEqualTo("bye");
    assertThat(server.events).containsExactly("made", "lost ConnectionDone");
  }

  @Test
  void pausingATransportStopsReadingUntilItResumes() {
    CompletableFuture<Long> receivedWhilePaused = new CompletableFuture<>();
    Recorder client = new Recorder() {
      @Override
      public void connectionMade() {
        super.connectionMade();
        transport().pauseProducing();
        reactor.callLater(Duration.ofMillis(100), () -> {
          receivedWhilePaused.complete(receivedCount());
          transport().resumeProducing();
        });
      }
    };
    Recorder server = new Recorder() {
      @Override
      public void connectionMade() {
        super.connectionMade();
        transport().write(Bytes.utf8("ping"));
        transport().loseConnection();
      }
    };
    connected(() -> server, client);

    assertThat(await(receivedWhilePaused)).isZero();
    assertThat(await(client.lost).exception()).isInstanceOf(ConnectionDone.class);
    assertThat(client.received().utf8()).isEqualTo("ping");
  }

  @Test
  void aPushProducerIsPausedWhileThePeerDoesNotReadAndResumedWhenItDoes() {
    Recorder client = new Recorder() {
      @Override
      public void connectionMade() {
        super.connectionMade();
        transport().pauseProducing();
      }
    };
    Streamer streamer = new Streamer(reactor, client);
    Recorder server = new Recorder() {
      @Override
      public void connectionMade() {
        super.connectionMade();
        streamer.writer = this;
        transport().registerProducer(streamer, true);
        streamer.produce();
      }
    };
    connected(() -> server, client);

    long total = await(streamer.finished);
    assertThat(await(client.lost).exception()).isInstanceOf(ConnectionDone.class);
    assertThat(streamer.firstBurst).as("paused once more than the high-water mark is queued")
        .isGreaterThan(StreamConnection.HIGH_WATER)
        .isLessThanOrEqualTo(StreamConnection.HIGH_WATER + Streamer.CHUNK);
    assertThat(streamer.largestBurst).as("never more than the high-water mark and a chunk at once")
        .isLessThanOrEqualTo(StreamConnection.HIGH_WATER + Streamer.CHUNK);
    assertThat(streamer.stalledAt).as("held back by the peer, not by the cap").isBetween(1L, Streamer.CAP - 1);
    assertThat(streamer.peerReceivedWhenStalled).isZero();
    assertThat(streamer.resumesAfterPeerResumed).isPositive();
    assertThat(client.received()).isEqualTo(pattern(0, Math.toIntExact(total)));
  }

  @Test
  void aPullProducerWritesEachTimeTheTransportAsks() {
    int pieces = 64;
    int size = 32 * 1024;
    List<Integer> asked = new ArrayList<>();
    Recorder server = new Recorder() {
      @Override
      public void connectionMade() {
        super.connectionMade();
        transport().registerProducer(new PullProducer() {
          @Override
          public void resumeProducing() {
            asked.add(asked.size());
            if (asked.size() <= pieces) {
              transport().write(pattern((long) (asked.size() - 1) * size, size));
            } else {
              transport().unregisterProducer();
              transport().loseConnection();
            }
          }

          @Override
          public void stopProducing() {
            asked.add(-1);
          }
        }, false);
      }
    };
    Connected<Recorder, Recorder> pair = connected(() -> server, new Recorder());

    assertThat(await(pair.client().lost).exception()).isInstanceOf(ConnectionDone.class);
    assertThat(pair.client().received()).isEqualTo(pattern(0, pieces * size));
    assertThat(running.call(() -> List.copyOf(asked))).hasSize(pieces + 1).doesNotContain(-1);
  }

  @Test
  void stopListeningFiresAndLaterConnectionsFail() {
    ListeningPort port = running.call(() -> listen(Factory.forProtocol(Recorder::new)));
    CompletableFuture<Boolean> stopped = new CompletableFuture<>();
    running.run(() -> port.stopListening().onSuccess(v -> stopped.complete(true)));
    assertThat(await(stopped)).isTrue();
    CompletableFuture<Boolean> again = new CompletableFuture<>();
    running.run(() -> port.stopListening().onSuccess(v -> again.complete(true)));
    assertThat(await(again)).isTrue();

    CompletableFuture<String> failed = new CompletableFuture<>();
    boolean[] connectReturned = {false};
    running.run(() -> {
      connect(port.address(), new ClientFactory() {
        @Override
        public Protocol buildProtocol(Address address) {
          return new Recorder();
        }

        @Override
        public void clientConnectionFailed(Connector connector, Failure reason) {
          failed.complete(reason.type().getSimpleName() + ", after connect returned: " + connectReturned[0]);
        }
      });
      connectReturned[0] = true;
    });
    assertThat(await(failed))
        .isEqualTo(refusedWhenNothingListens().getSimpleName() + ", after connect returned: true");
  }

  @Test
  void listeningWhereAnotherPortListensFails() {
    ListeningPort port = running.call(() -> listen(Factory.forProtocol(Recorder::new)));
    assertThatThrownBy(() -> running.call(() -> listenOn(port.address(), Factory.forProtocol(Recorder::new))))
        .isInstanceOf(CannotListen.class);
  }

  @Test
  void aFactoryListeningOnTwoPortsStartsOnceAndStopsAfterTheLast() {
    List<String> calls = new ArrayList<>();
    Factory factory = new Factory() {
      @Override
      public Protocol buildProtocol(Address address) {
        return new Recorder();
      }

      @Override
      public void startFactory() {
        calls.add("start");
      }

      @Override
      public void stopFactory() {
        calls.add("stop");
      }
    };
    List<String> afterFirst = running.call(() -> {
      ListeningPort first = listen(factory);
      ListeningPort second = listen(factory);
      first.stopListening();
      List<String> soFar = List.copyOf(calls);
      second.stopListening();
      return soFar;
    });
    assertThat(afterFirst).containsExactly("start");
    assertThat(running.call(() -> List.copyOf(calls))).containsExactly("start", "stop");
  }

  @Test
  void aProtocolThatThrowsIsAbortedAndTheReactorServesOthers() {
    class Fragile extends Echo {
      @Override
      public void dataReceived(Bytes data) {
        if (data.utf8().contains("boom")) {
          throw new IllegalStateException("boom");
        }
        super.dataReceived(data);
      }
    }
    List<Fragile> servers = new ArrayList<>();
    ListeningPort port = running.call(() -> listen(address -> {
      Fragile server = new Fragile();
      servers.add(server);
      return server;
    }));
    Recorder victim = new Recorder();
    running.run(() -> connect(port.address(), ClientFactory.forProtocol(() -> victim)));
    await(victim.made);
    running.run(() -> victim.transport().write(Bytes.utf8("boom")));

    assertThat(await(victim.lost).exception()).isInstanceOf(peerReasonWhenAborted());
    Fragile broken = running.call(() -> servers.get(0));
    Failure reason = await(broken.lost);
    assertThat(reason.exception()).isInstanceOf(ConnectionAborted.class)
        .hasRootCauseMessage("boom");

    Recorder next = new Recorder() {
      @Override
      public void connectionMade() {
        super.connectionMade();
        transport().write(Bytes.utf8("still there?"));
      }
    };
    running.run(() -> connect(port.address(), ClientFactory.forProtocol(() -> next)));
    assertThat(await(next.receivedAtLeast(12)).utf8()).isEqualTo("still there?");
  }

  @Test
  void aPullProducerThatThrowsAbortsItsConnectionAndTheReactorServesOthers() {
    Recorder server = new Recorder() {
      @Override
      public void connectionMade() {
        super.connectionMade();
        transport().registerProducer(new PullProducer() {
          private int asked;

          @Override
          public void resumeProducing() {
            if (++asked > 1) {
              throw new IllegalStateException("producer broke");
            }
            transport().write(Bytes.utf8("first"));
          }

          @Override
          public void stopProducing() {}
        }, false);
      }
    };
    Connected<Recorder, Recorder> pair = connected(() -> server, new Recorder());

    assertThat(await(server.lost).exception()).isInstanceOf(ConnectionAborted.class)
        .hasRootCauseMessage("producer broke");
    assertThat(await(pair.client().lost).exception()).isInstanceOf(peerReasonWhenAborted());
    assertThat(pair.client().received().utf8()).isEqualTo("first");
    assertThat(connected(Echo::new, new Recorder()).client().transport()).isNotNull();
  }

  @Test
  void aClientFactoryThatThrowsFailsTheAttemptAndTheReactorServesOthers() {
    ListeningPort port = running.call(() -> listen(Factory.forProtocol(Recorder::new)));
    CompletableFuture<Failure> failed = new CompletableFuture<>();
    running.run(() -> connect(port.address(), new ClientFactory() {
      @Override
      public Protocol buildProtocol(Address address) {
        throw new IllegalStateException("factory broke");
      }

      @Override
      public void clientConnectionFailed(Connector connector, Failure reason) {
        failed.complete(reason);
      }
    }));

    assertThat(await(failed).exception()).isInstanceOf(ConnectError.class)
        .hasRootCauseMessage("factory broke");
    assertThat(connected(Echo::new, new Recorder()).client().transport()).isNotNull();
  }

  @Test
  void aThousandConcurrentConnectionsEachGetTheirEcho() {
    int connections = 1000;
    ListeningPort port = running.call(() -> listen(Factory.forProtocol(Echo::new)));
    AtomicInteger echoed = new AtomicInteger();
    CompletableFuture<Integer> allDone = new CompletableFuture<>();
    running.run(() -> {
      for (int i = 0; i < connections; i++) {
        Bytes message = Bytes.utf8("connection " + i);
        connect(port.address(), new ClientFactory() {
          @Override
          public Protocol buildProtocol(Address address) {
            return new Protocol() {
          private Bytes got = Bytes.EMPTY;

          @Override
          public void connectionMade() {
            transport().write(message);
          }

          @Override
          public void dataReceived(Bytes data) {
            got = got.concat(data);
            if (got.size() == message.size()) {
              transport().loseConnection();
            }
          }

          @Override
          public void connectionLost(Failure reason) {
            if (got.equals(message) && reason.check(ConnectionDone.class).isPresent()
                && echoed.incrementAndGet() == connections) {
              allDone.complete(connections);
            }
          }
            };
          }

          @Override
          public void clientConnectionFailed(Connector connector, Failure reason) {
            allDone.completeExceptionally(reason.exception());
          }
        });
      }
    });
    assertThat(await(allDone)).isEqualTo(connections);
  }

  // --- Files ---

  /** Returns an open channel on a new file of {@code size} patterned bytes. */
  FileChannel patternFile(int size) throws IOException {
    Path file = Files.createTempFile(files, "region", ".bin");
    Files.write(file, pattern(0, size).toByteArray());
    return FileChannel.open(file);
  }

  /** Echoes what it is lent in place, and tells when {@code expected} bytes have come. */
  static final class InPlaceEcho extends ByteBufferProtocol {
    final CompletableFuture<Void> receivedAll = new CompletableFuture<>();
    private final long expected;
    private long received;

    InPlaceEcho(long expected) {
      this.expected = expected;
    }

    @Override
    public void bufferReceived(ByteBuffer data) {
      received += data.remaining();
      transport().write(data);
      if (received == expected) {
        receivedAll.complete(null);
      }
    }
  }

  @Test
  void aProtocolReadingInPlaceEchoesEverythingInOrderToAPeerThatReadsLate() {
    int size = 4 << 20;
    Recorder client = new Recorder() {
      @Override
      public void connectionMade() {
        super.connectionMade();
        transport().pauseProducing();
        for (int offset = 0; offset < size; offset += 65536) {
          transport().write(pattern(offset, 65536));
        }
      }
    };
    InPlaceEcho echo = new InPlaceEcho(size);
    ListeningPort port = running.call(() -> listen(address -> echo));
    running.run(() -> connect(port.address(), ClientFactory.forProtocol(() -> client)));
    await(client.made);
    // The echo's first writes fill the kernel's buffers; the rest is copied and queued behind.
    await(echo.receivedAll);
    running.run(() -> client.transport().resumeProducing());

    assertThat(await(client.receivedAtLeast(size))).isEqualTo(pattern(0, size));
  }

  @Test
  void buffersWrittenAndRefilledArriveInOrderWithTheBytesAroundThem() {
    int size = 4 << 20;
    Recorder server = new Recorder() {
      @Override
      public void connectionMade() {
        super.connectionMade();
        ByteBuffer direct = ByteBuffer.allocateDirect(16384);
        ByteBuffer heap = ByteBuffer.allocate(6000);
        int offset = 0;
        for (int turn = 0; offset < size; turn++) {
          int length = Math.min(size - offset, switch (turn % 4) {
            case 0 -> 16384;
            case 1 -> 100;
            case 2 -> 6000;
            default -> 4095;
          });
          Bytes piece = pattern(offset, length);
          if (turn % 2 == 1) {
            transport().write(piece);
          } else {
            ByteBuffer buffer = turn % 4 == 0 ? direct : heap;
            buffer.clear();
            piece.copyTo(buffer);
            transport().write(buffer.flip());
            assertThat(buffer.hasRemaining()).as("consumed by the write").isFalse();
          }
          offset += length;
        }
        transport().loseConnection();
      }
    };
    Connected<Recorder, Recorder> pair = connected(() -> server, new Recorder());

    assertThat(await(pair.client().lost).exception()).isInstanceOf(ConnectionDone.class);
    assertThat(pair.client().received()).isEqualTo(pattern(0, size));
  }

  @Test
  void aFileRegionIsSentInOrderWithTheBytesAroundIt() throws IOException {
    int size = 3 << 20;
    try (FileChannel file = patternFile(size)) {
      CompletableFuture<Void> sent = new CompletableFuture<>();
      Recorder server = new Recorder() {
        @Override
        public void connectionMade() {
          super.connectionMade();
          transport().write(Bytes.ascii("head"));
          transport().writeFile(file, 1000, size - 2000)
              .onSuccess(ignored -> sent.complete(null));
          transport().write(Bytes.ascii("tail"));
          transport().loseConnection();
        }
      };
      Recorder client = new Recorder();
      connected(() -> server, client);

      await(sent);
      assertThat(await(client.lost).exception()).isInstanceOf(ConnectionDone.class);
      assertThat(client.received()).isEqualTo(Bytes.ascii("head")
          .concat(pattern(1000, size - 2000)).concat(Bytes.ascii("tail")));
    }
  }

  @Test
  void bothEndsSendFilesDirectly() {
    Connected<Recorder, Recorder> pair = connected(Recorder::new, new Recorder());

    assertThat(running.call(() -> pair.server().transport().sendsFilesDirectly())).isTrue();
    assertThat(running.call(() -> pair.client().transport().sendsFilesDirectly())).isTrue();
    running.run(() -> pair.client().transport().loseConnection());
    await(pair.server().lost);
  }

  @Test
  void aFileRegionHoldsBackAPushProducerLikeTheSameBytesWould() throws IOException {
    int size = 8 << 20;
    try (FileChannel file = patternFile(size)) {
      Recorder client = new Recorder() {
        @Override
        public void connectionMade() {
          super.connectionMade();
          transport().pauseProducing();
        }
      };
      List<String> producer = java.util.Collections.synchronizedList(new ArrayList<>());
      Recorder server = new Recorder() {
        @Override
        public void connectionMade() {
          super.connectionMade();
          transport().registerProducer(new PushProducer() {
            @Override
            public void pauseProducing() {
              producer.add("paused");
            }

            @Override
            public void resumeProducing() {
              producer.add("resumed");
              transport().unregisterProducer();
              transport().loseConnection();
            }

            @Override
            public void stopProducing() {
              producer.add("stopped");
            }
          }, true);
          transport().writeFile(file, 0, size);
        }
      };
      connected(() -> server, client);
      assertThat(running.call(() -> List.copyOf(producer)))
          .as("read on the reactor thread, once connectionMade has returned")
          .containsExactly("paused");

      running.run(() -> client.transport().resumeProducing());
      assertThat(await(client.receivedAtLeast(size))).isEqualTo(pattern(0, size));
      await(client.lost);
      assertThat(producer).containsExactly("paused", "resumed");
    }
  }

  @Test
  void aFileThatEndsBeforeItsRegionAbortsTheConnection() throws IOException {
    try (FileChannel file = patternFile(100_000)) {
      CompletableFuture<Failure> failed = new CompletableFuture<>();
      Recorder server = new Recorder() {
        @Override
        public void connectionMade() {
          super.connectionMade();
          transport().writeFile(file, 0, 150_000).onFailure(failed::complete)
              .recover(failure -> null);
        }
      };
      Recorder client = new Recorder();
      Connected<Recorder, Recorder> pair = connected(() -> server, client);

      assertThat(await(failed).exception()).isInstanceOf(EOFException.class);
      assertThat(await(pair.server().lost).exception()).isInstanceOf(ConnectionAborted.class);
      assertThat(await(client.lost).exception()).isInstanceOf(peerReasonWhenAborted());
    }
  }

  @Test
  void aRegionStillQueuedWhenTheConnectionEndsFailsWithItsReason() throws IOException {
    int size = 32 << 20;
    try (FileChannel file = patternFile(size)) {
      CompletableFuture<Deferred<?>> region = new CompletableFuture<>();
      Recorder client = new Recorder() {
        @Override
        public void connectionMade() {
          super.connectionMade();
          transport().pauseProducing();
        }
      };
      Recorder server = new Recorder() {
        @Override
        public void connectionMade() {
          super.connectionMade();
          region.complete(transport().writeFile(file, 0, size));
        }
      };
      Connected<Recorder, Recorder> pair = connected(() -> server, client);
      CompletableFuture<Failure> failed = new CompletableFuture<>();
      running.run(() -> {
        await(region).onFailure(failed::complete).recover(failure -> null);
        pair.server().transport().abortConnection();
        assertThat(failed).as("the Deferred fires after the caller returns").isNotDone();
      });

      assertThat(await(failed).exception()).isInstanceOf(ConnectionAborted.class);
      running.run(() -> assertThat(pair.server().transport().writeFile(file, 0, 10).called())
          .as("a closed transport drops regions").isTrue());
    }
  }
}
