package dev.twine.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.twine.bytes.Bytes;
import dev.twine.defer.CancelledException;
import dev.twine.defer.Deferred;
import dev.twine.defer.Failure;
import dev.twine.internet.Address;
import dev.twine.internet.AddressType;
import dev.twine.internet.ClientFactory;
import dev.twine.internet.ConnectError;
import dev.twine.internet.ConnectTimedOut;
import dev.twine.internet.ConnectionDone;
import dev.twine.internet.ConnectionRefused;
import dev.twine.internet.Connector;
import dev.twine.internet.IPv4Address;
import dev.twine.internet.IPv6Address;
import dev.twine.internet.Protocol;
import dev.twine.internet.ReactorCore.Phase;
import dev.twine.internet.ReactorCore.SystemEvent;
import dev.twine.internet.Threads;
import dev.twine.internet.UnixAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class MemoryReactorTest {
  private final MemoryReactor reactor = new MemoryReactor();
  private final List<String> log = new ArrayList<>();

  /** A client factory that logs what it hears and makes recorders. */
  private final class LoggingFactory implements ClientFactory {
    final List<Recorder> built = new ArrayList<>();
    final List<Address> asked = new ArrayList<>();

    @Override
    public @Nullable Protocol buildProtocol(Address address) {
      asked.add(address);
      Recorder protocol = new Recorder();
      built.add(protocol);
      return protocol;
    }

    @Override
    public void startFactory() {
      log.add("startFactory");
    }

    @Override
    public void stopFactory() {
      log.add("stopFactory");
    }

    @Override
    public void startedConnecting(Connector connector) {
      log.add("startedConnecting");
    }

    @Override
    public void clientConnectionFailed(Connector connector, Failure reason) {
      log.add("failed " + reason.type().getSimpleName());
    }

    @Override
    public void clientConnectionLost(Connector connector, Failure reason) {
      log.add("lost " + reason.type().getSimpleName());
    }
  }

  private static LoopbackTransport transport() {
    return new LoopbackTransport(new IPv4Address(AddressType.TCP, "10.0.0.1", 1234),
        new IPv4Address(AddressType.TCP, "10.0.0.2", 80), Loopback.Options.DEFAULT);
  }

  @Nested
  class Listening {
    @Test
    void listenTcpRecordsTheCallAndListensUntilStopped() {
      LoggingFactory factory = new LoggingFactory();
      MemoryPort port = reactor.listenTcp(8080, factory, 10, "127.0.0.1");

      assertThat(reactor.tcpServers())
          .containsExactly(new MemoryReactor.TcpServer(8080, factory, 10, "127.0.0.1", port));
      assertThat(port.address()).isEqualTo(new IPv4Address(AddressType.TCP, "127.0.0.1", 8080));
      assertThat(port.listening()).isTrue();
      assertThat(log).containsExactly("startFactory");

      assertThat(port.stopListening().called()).isTrue();
      port.stopListening();
      assertThat(port.listening()).isFalse();
      assertThat(log).containsExactly("startFactory", "stopFactory");
    }

    @Test
    void portZeroGetsAPortOfItsOwnAndInterfacesKeepTheirFamily() {
      Protocol unused = new Recorder();
      assertThat(reactor.listenTcp(0, address -> unused).address())
          .isEqualTo(new IPv4Address(AddressType.TCP, "0.0.0.0", 49152));
      assertThat(reactor.listenTcp(0, address -> unused, 50, "::").address())
          .isEqualTo(new IPv6Address(AddressType.TCP, "::", 49153));
      assertThat(reactor.tcpServers()).extracting(MemoryReactor.TcpServer::port).containsExactly(0, 0);
    }

    @Test
    void aFactoryServingTwoPortsStartsOnceAndStopsAfterTheLast() {
      LoggingFactory factory = new LoggingFactory();
      MemoryPort first = reactor.listenTcp(1, factory);
      MemoryPort second = reactor.listenUnix(Path.of("/tmp/s"), factory, 5, 0600, true);
      first.stopListening();
      assertThat(log).containsExactly("startFactory");
      second.stopListening();
      assertThat(log).containsExactly("startFactory", "stopFactory");
      assertThat(reactor.unixServers()).containsExactly(
          new MemoryReactor.UnixServer(Path.of("/tmp/s"), factory, 5, 0600, true, second));
      assertThat(second.address()).isEqualTo(new UnixAddress("/tmp/s"));
    }

    @Test
    void acceptConnectsAProtocolFromTheFactoryForThePeer() {
      LoggingFactory factory = new LoggingFactory();
      MemoryPort port = reactor.listenTcp(80, factory);
      LoopbackTransport transport = transport();

      Protocol protocol = port.accept(transport).orElseThrow();

      assertThat(factory.asked).containsExactly(transport.peer());
      assertThat(protocol.transport()).isSameAs(transport);
      assertThat(factory.built.get(0).events).containsExactly("made");
      port.stopListening();
      assertThatThrownBy(() -> port.accept(transport()))
          .isInstanceOf(IllegalStateException.class).hasMessageContaining("stopped listening");
    }

    @Test
    void acceptReturnsEmptyWhenTheFactoryRefuses() {
      MemoryPort port = reactor.listenTcp(80, address -> null);
      assertThat(port.accept(transport())).isEmpty();
    }
  }

  @Nested
  class Connecting {
    private final LoggingFactory factory = new LoggingFactory();

    @Test
    void connectTcpRecordsTheCallAndTheTestCompletesIt() {
      Address bind = new IPv4Address(AddressType.TCP, "127.0.0.2", 0);
      MemoryConnector connector = reactor.connectTcp("example.com", 443, factory, Duration.ofSeconds(7), bind);

      assertThat(reactor.tcpClients()).containsExactly(new MemoryReactor.TcpClient(
          "example.com", 443, factory, Duration.ofSeconds(7), Optional.of(bind), connector));
      assertThat(connector.state()).isEqualTo(Connector.State.CONNECTING);
      assertThat(connector.destination()).isEqualTo(new IPv4Address(AddressType.TCP, "example.com", 443));
      assertThat(log).containsExactly("startFactory", "startedConnecting");

      LoopbackTransport transport = transport();
      Protocol protocol = connector.complete(transport).orElseThrow();
      assertThat(protocol.transport()).isSameAs(transport);
      assertThat(factory.asked).containsExactly(connector.destination());
      assertThat(connector.state()).isEqualTo(Connector.State.CONNECTED);

      connector.connectionLost(new ConnectionDone("closed"));
      assertThat(factory.built.get(0).events).containsExactly("made", "lost ConnectionDone");
      assertThat(log).containsExactly("startFactory", "startedConnecting", "lost ConnectionDone", "stopFactory");
      assertThat(connector.state()).isEqualTo(Connector.State.DISCONNECTED);
      assertThat(reactor.clock().pendingCalls()).as("the timeout was cancelled").isEmpty();
    }

    @Test
    void failTellsTheFactoryAndConnectStartsAnotherAttempt() {
      MemoryConnector connector = reactor.connectTcp("10.1.1.1", 80, factory);
      connector.fail(new ConnectionRefused("refused", null));
      assertThat(log).containsExactly("startFactory", "startedConnecting", "failed ConnectionRefused", "stopFactory");
      assertThat(connector.state()).isEqualTo(Connector.State.DISCONNECTED);

      connector.connect();
      assertThat(connector.attempts()).isEqualTo(2);
      assertThat(connector.state()).isEqualTo(Connector.State.CONNECTING);
      assertThatThrownBy(connector::connect).isInstanceOf(IllegalStateException.class);
      assertThatThrownBy(() -> connector.connectionLost(new ConnectionDone("x")))
          .isInstanceOf(IllegalStateException.class).hasMessageContaining("not connected");
    }

    @Test
    void anAttemptLeftAloneTimesOutOnTheClock() {
      MemoryConnector connector = reactor.connectTcp("10.1.1.1", 80, factory, Duration.ofSeconds(5), null);
      reactor.advance(Duration.ofMillis(4999));
      assertThat(connector.state()).isEqualTo(Connector.State.CONNECTING);
      reactor.advance(Duration.ofMillis(1));
      assertThat(log).contains("failed ConnectTimedOut");
      assertThat(connector.state()).isEqualTo(Connector.State.DISCONNECTED);
      assertThatThrownBy(() -> connector.complete(transport())).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void stopConnectingFailsTheAttemptWithACancellation() {
      List<Failure> failures = new ArrayList<>();
      MemoryConnector connector = reactor.connectUnix(Path.of("/run/app.sock"), new ClientFactory() {
        @Override
        public Protocol buildProtocol(Address address) {
          return new Recorder();
        }

        @Override
        public void clientConnectionFailed(Connector c, Failure reason) {
          failures.add(reason);
        }
      }, Duration.ofSeconds(1));
      assertThat(reactor.unixClients()).singleElement()
          .satisfies(call -> assertThat(call.path()).isEqualTo(Path.of("/run/app.sock")));

      connector.stopConnecting();

      assertThat(failures).singleElement().satisfies(failure -> {
        assertThat(failure.exception()).isExactlyInstanceOf(ConnectError.class)
            .hasCauseInstanceOf(CancelledException.class);
      });
      assertThat(reactor.clock().pendingCalls()).isEmpty();
    }

    @Test
    void aFactoryThatRefusesFailsTheAttempt() {
      MemoryConnector connector = reactor.connectTcp("h", 1, new ClientFactory() {
        @Override
        public @Nullable Protocol buildProtocol(Address address) {
          return null;
        }

        @Override
        public void clientConnectionFailed(Connector c, Failure reason) {
          log.add("failed " + reason.message());
        }
      });
      assertThat(connector.complete(transport())).isEmpty();
      assertThat(log).singleElement().asString().contains("refused");
    }

    @Test
    void loopbackConnectsCodeThatListensToCodeThatConnects() {
      MemoryPort port = reactor.listenTcp(7, address -> new Protocol() {
        @Override
        public void dataReceived(Bytes data) {
          transport().write(data);
        }
      });
      MemoryConnector connector = reactor.connectTcp("127.0.0.1", 7, factory);

      Pump pump = Loopback.connect(port, connector);
      Recorder client = factory.built.get(0);
      client.transport().write(Bytes.utf8("echo"));
      pump.flush();
      client.transport().loseConnection();
      pump.flush();

      assertThat(client.events).containsExactly("made", "data echo", "lost ConnectionDone");
      assertThat(log).endsWith("lost ConnectionDone", "stopFactory");
      assertThat(connector.state()).isEqualTo(Connector.State.DISCONNECTED);
    }
  }

  @Nested
  class ThreadHandOff {
    @Test
    void callsFromOtherThreadsWaitForRunPendingCallsAndKeepTheirOrder() throws InterruptedException {
      List<String> ran = Collections.synchronizedList(new ArrayList<>());
      List<Thread> threads = new ArrayList<>();
      for (int t = 0; t < 2; t++) {
        int thread = t;
        threads.add(Thread.ofPlatform().start(() -> {
          for (int i = 0; i < 1000; i++) {
            int call = i;
            reactor.callFromThread(() -> ran.add(thread + ":" + call + ":" + reactor.inReactorThread()));
          }
        }));
      }
      for (Thread thread : threads) {
        thread.join();
      }
      assertThat(ran).isEmpty();
      assertThat(reactor.queuedCalls()).isEqualTo(2000);

      assertThat(reactor.runPendingCalls()).isEqualTo(2000);

      for (int t = 0; t < 2; t++) {
        String prefix = t + ":";
        assertThat(ran.stream().filter(s -> s.startsWith(prefix)).toList())
            .isEqualTo(java.util.stream.IntStream.range(0, 1000).mapToObj(i -> prefix + i + ":true").toList());
      }
    }

    @Test
    void advanceRunsQueuedCallsThenTheTimersDue() {
      reactor.callFromThread(() -> reactor.callLater(Duration.ofSeconds(1), () -> log.add("timer")));
      reactor.advance(Duration.ofSeconds(1));
      assertThat(log).containsExactly("timer");
      assertThat(reactor.seconds()).isEqualTo(1.0);
    }

    @Test
    void deferToThreadRunsTheWorkOnDemandAwayFromTheReactorThread() {
      Deferred<String> result = Threads.deferToThread(reactor, () -> {
        log.add("work in reactor thread: " + reactor.inReactorThread());
        return "done";
      });
      assertThat(reactor.queuedThreadWork()).isEqualTo(1);
      assertThat(reactor.runPendingCalls()).isZero();
      assertThat(log).isEmpty();

      assertThat(reactor.runThreadWork()).isEqualTo(1);
      assertThat(log).containsExactly("work in reactor thread: false");
      assertThat(result.called()).as("the result waits for the reactor thread").isFalse();

      reactor.runPendingCalls();
      List<String> value = new ArrayList<>();
      result.onSuccess(value::add);
      assertThat(value).containsExactly("done");
      assertThat(reactor.inReactorThread()).isTrue();
    }

    @Test
    void blockingCallFromThreadOnTheTestThreadFails() {
      assertThatThrownBy(() -> Threads.blockingCallFromThread(reactor, () -> Deferred.succeed(1)))
          .isInstanceOf(IllegalStateException.class);
    }
  }

  @Nested
  class RunAndStop {
    private Object trigger(Phase phase, SystemEvent event) {
      return reactor.addSystemEventTrigger(phase, event, () -> {
        log.add(phase + " " + event);
        return null;
      });
    }

    @Test
    void runFiresTheStartupTriggersInOrderAndReturns() {
      trigger(Phase.AFTER, SystemEvent.STARTUP);
      reactor.callWhenRunning(() -> log.add("whenRunning " + reactor.running()));
      trigger(Phase.DURING, SystemEvent.STARTUP);
      trigger(Phase.BEFORE, SystemEvent.STARTUP);
      Object removed = trigger(Phase.BEFORE, SystemEvent.STARTUP);
      reactor.removeSystemEventTrigger(removed);

      reactor.run();

      assertThat(log).containsExactly(
          "BEFORE STARTUP", "DURING STARTUP", "AFTER STARTUP", "whenRunning true");
      reactor.callWhenRunning(() -> log.add("at once"));
      assertThat(log).endsWith("at once");
      assertThatThrownBy(reactor::run).isInstanceOf(IllegalStateException.class).hasMessageContaining("running");
      assertThatThrownBy(() -> reactor.removeSystemEventTrigger(removed))
          .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void stopWaitsForTheDeferredOfABeforeTriggerThenStopsPortsAndAttempts() {
      LoggingFactory factory = new LoggingFactory();
      MemoryPort port = reactor.listenTcp(80, factory);
      MemoryConnector connector = reactor.connectTcp("h", 1, factory);
      Deferred<@Nullable Void> wait = new Deferred<>();
      reactor.addSystemEventTrigger(Phase.BEFORE, SystemEvent.SHUTDOWN, () -> {
        log.add("before");
        return wait;
      });
      trigger(Phase.DURING, SystemEvent.SHUTDOWN);
      trigger(Phase.AFTER, SystemEvent.SHUTDOWN);
      reactor.run();
      log.clear();

      reactor.stop();
      assertThat(reactor.running()).isFalse();
      assertThatThrownBy(reactor::stop).isInstanceOf(IllegalStateException.class).hasMessageContaining("stopping");
      assertThat(log).as("shutdown runs with the pending calls").isEmpty();
      reactor.runPendingCalls();
      assertThat(log).containsExactly("before");
      assertThat(port.listening()).isTrue();

      wait.callback(null);

      assertThat(log).containsExactly("before", "DURING SHUTDOWN", "failed ConnectError", "stopFactory", "AFTER SHUTDOWN");
      assertThat(port.listening()).isFalse();
      assertThat(connector.state()).isEqualTo(Connector.State.DISCONNECTED);
      assertThat(reactor.stopped()).isTrue();
    }

    @Test
    void stopBeforeRunFails() {
      assertThatThrownBy(reactor::stop).isInstanceOf(IllegalStateException.class).hasMessageContaining("new");
    }

    @Test
    void aThrowingTriggerPropagatesToTheTest() {
      reactor.addSystemEventTrigger(Phase.DURING, SystemEvent.STARTUP, () -> {
        throw new IllegalStateException("broken trigger");
      });
      assertThatThrownBy(reactor::run).hasMessage("broken trigger");
    }
  }

  @Test
  void aReactorMadeWithAClockSharesItsTime() {
    Clock clock = new Clock();
    MemoryReactor shared = new MemoryReactor(clock);
    shared.callLater(Duration.ofSeconds(1), () -> log.add("from the reactor"));
    clock.advance(Duration.ofSeconds(1));
    assertThat(log).containsExactly("from the reactor");
    assertThat(shared.clock()).isSameAs(clock);
  }

  @Test
  void timeIsTheClocks() {
    reactor.callLater(Duration.ofSeconds(2), () -> log.add("late"));
    reactor.clock().advance(Duration.ofSeconds(2));
    assertThat(log).containsExactly("late");
    assertThat(reactor.seconds()).isEqualTo(2.0);
    assertThat(reactor.toString()).contains("new");
  }

  @Nested
  class Udp {
    private final List<String> datagrams = new ArrayList<>();

    private final dev.twine.internet.DatagramProtocol echo = new dev.twine.internet.DatagramProtocol() {
      @Override
      public void datagramReceived(Bytes data, Address from) {
        datagrams.add(data.utf8() + " from " + from);
        transport().write(data, from);
      }
    };

    @Test
    void recordsListenUdpAndHandsBackAFakeTransportBoundToTheNextEphemeralPort() {
      FakeDatagramTransport transport = reactor.listenUdp(0, echo, "127.0.0.1", 1024);

      assertThat(reactor.udpServers()).singleElement().satisfies(server -> {
        assertThat(server.port()).isZero();
        assertThat(server.maxPacketSize()).isEqualTo(1024);
        assertThat(server.multicast()).isFalse();
        assertThat(server.transport()).isSameAs(transport);
      });
      assertThat(transport.host()).isEqualTo(new IPv4Address(AddressType.UDP, "127.0.0.1", 49152));

      Address peer = new IPv4Address(AddressType.UDP, "127.0.0.2", 5000);
      transport.receive(Bytes.utf8("ping"), peer);
      assertThat(datagrams).containsExactly("ping from " + peer);
      assertThat(transport.written()).singleElement()
          .satisfies(written -> assertThat(written.data().utf8()).isEqualTo("ping"));
    }

    @Test
    void closesDatagramPortsOnShutdown() {
      reactor.run();
      FakeDatagramTransport transport = reactor.listenMulticast(9999, echo, "", 512, true);
      assertThat(reactor.udpServers()).singleElement().satisfies(server -> {
        assertThat(server.multicast()).isTrue();
        assertThat(server.listenMultiple()).isTrue();
      });

      reactor.stop();
      reactor.runPendingCalls();

      assertThat(transport.closed()).isTrue();
    }

    @Test
    void rejectsAnImpossiblePacketSize() {
      assertThatThrownBy(() -> reactor.listenUdp(0, echo, "", 0))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("maxPacketSize");
    }
  }
}
