package dev.twine.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.twine.bytes.Bytes;
import dev.twine.web.websocket.CloseCode;
import dev.twine.web.websocket.PerMessageDeflate;
import dev.twine.web.websocket.WebSocketClient;
import dev.twine.web.websocket.WebSocketOptions;
import dev.twine.web.websocket.WebSocketProtocol;
import dev.twine.web.websocket.WebSocketResource;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Python's {@code websockets} and Autobahn (Debian's {@code python3-websockets} and {@code
 * python3-autobahn}) against Twine's WebSocket server and client on real sockets; each test is
 * skipped when its library is not installed.
 */
class WebSocketPythonPeersTest {
  private static final WebSocketOptions DEFLATE =
      WebSocketOptions.DEFAULT.withDeflate(PerMessageDeflate.DEFAULT);

  private static final String WEBSOCKETS_CLIENT = """
      import asyncio, sys, websockets
      async def main(port):
          async with websockets.connect(f"ws://127.0.0.1:{port}/ws") as ws:
              print("extensions", [e.name for e in ws.extensions])
              await ws.send("Hello from Python \\u00e9")
              print("text", await ws.recv())
              await ws.send(bytes([0, 1, 2, 255]))
              print("binary", (await ws.recv()).hex())
              await ws.send("la " * 50000)
              print("long", len(await ws.recv()))
              await ws.close(1000, "bye")
              print("closed", ws.close_code)
      asyncio.run(main(int(sys.argv[1])))
      """;

  private static final String AUTOBAHN_CLIENT = """
      import sys
      from twisted.internet import reactor
      from autobahn.twisted.websocket import WebSocketClientProtocol, WebSocketClientFactory, connectWS
      from autobahn.websocket.compress import (PerMessageDeflateOffer, PerMessageDeflateResponse,
          PerMessageDeflateResponseAccept)
      class Client(WebSocketClientProtocol):
          def onOpen(self):
              self.received = 0
              self.sendMessage("Hello from Autobahn".encode(), isBinary=False)
              self.sendMessage(b"\\x01\\x02" * 1000, isBinary=True)
          def onMessage(self, payload, isBinary):
              if isBinary:
                  print("binary", len(payload))
              else:
                  print("text", payload.decode())
              self.received += 1
              if self.received == 2:
                  self.sendClose(1000, "done")
          def onClose(self, wasClean, code, reason):
              print("close", wasClean, code, flush=True)
              reactor.stop()
      def accept(response):
          if isinstance(response, PerMessageDeflateResponse):
              print("deflate accepted")
              return PerMessageDeflateResponseAccept(response)
      factory = WebSocketClientFactory("ws://127.0.0.1:%s/ws" % sys.argv[1])
      factory.protocol = Client
      factory.setProtocolOptions(perMessageCompressionOffers=[PerMessageDeflateOffer()],
          perMessageCompressionAccept=accept)
      connectWS(factory)
      reactor.callLater(10, reactor.stop)
      reactor.run()
      """;

  private static final String WEBSOCKETS_SERVER = """
      import asyncio, websockets
      async def echo(ws):
          async for message in ws:
              await ws.send(message)
      async def main():
          async with websockets.serve(echo, "127.0.0.1", 0) as server:
              print(server.sockets[0].getsockname()[1], flush=True)
              await asyncio.sleep(60)
      asyncio.run(main())
      """;

  /** Echoes every message as it came. */
  static final class Echo extends WebSocketProtocol {
    @Override
    public void onMessage(Bytes payload, boolean binary) {
      connection().sendMessage(payload, binary);
    }
  }

  /** Records what it hears for the test's thread. */
  static final class Collecting extends WebSocketProtocol {
    final LinkedBlockingQueue<String> events = new LinkedBlockingQueue<>();

    @Override
    public void onOpen() {
      events.add("open " + connection().agreement().deflate().isPresent());
    }

    @Override
    public void onMessage(Bytes payload, boolean binary) {
      events.add(binary ? "binary " + payload.hex() : "text " + payload.size());
    }

    @Override
    public void onClose(boolean wasClean, CloseCode code, String reason) {
      events.add("close " + wasClean + " " + code.value());
    }

    String next() throws InterruptedException {
      String event = events.poll(LiveSite.PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
      assertThat(event).as("an event within " + LiveSite.PATIENCE).isNotNull();
      return event;
    }
  }

  /** Returns a Python that can import {@code module}: the one on the path, or Debian's. */
  private static Optional<String> pythonWith(String module) {
    for (String python : List.of("python3", "/usr/bin/python3")) {
      try {
        Process probe = new ProcessBuilder(python, "-c", "import " + module)
            .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (probe.waitFor(30, TimeUnit.SECONDS) && probe.exitValue() == 0) {
          return Optional.of(python);
        }
      } catch (IOException e) {
        // not this one
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return Optional.empty();
      }
    }
    return Optional.empty();
  }

  private static String python(String module, String debianPackage) {
    Optional<String> python = pythonWith(module);
    assumeTrue(python.isPresent(), "Python's " + module + " is not installed (apt-get install "
        + debianPackage + ")");
    return python.orElseThrow();
  }

  private static LiveSite echoSite() {
    return new LiveSite(reactor -> new Resource().putChild("ws",
        new WebSocketResource(reactor, DEFLATE, Echo::new)), SiteOptions.DEFAULT, null);
  }

  @Test
  void pythonWebsocketsTalksToTheServer() throws Exception {
    String python = python("websockets", "python3-websockets");
    try (LiveSite site = echoSite()) {
      ExternalClient.Run run = ExternalClient.run("", python, "-c", WEBSOCKETS_CLIENT,
          String.valueOf(site.port()));
      assertThat(run.exitCode()).as(run.err()).isZero();
      assertThat(run.out().lines()).containsExactly(
          "extensions ['permessage-deflate']",
          "text Hello from Python \u00e9",
          "binary 000102ff",
          "long 150000",
          "closed 1000");
    }
  }

  @Test
  void autobahnTalksToTheServer() throws Exception {
    String python = python("autobahn.twisted", "python3-autobahn");
    try (LiveSite site = echoSite()) {
      ExternalClient.Run run = ExternalClient.run("", python, "-c", AUTOBAHN_CLIENT,
          String.valueOf(site.port()));
      assertThat(run.exitCode()).as(run.err()).isZero();
      assertThat(run.out().lines()).containsExactly(
          "deflate accepted",
          "text Hello from Autobahn",
          "binary 2000",
          "close True 1000");
    }
  }

  @Test
  void theClientTalksToPythonWebsockets() throws Exception {
    String python = python("websockets", "python3-websockets");
    Process server = new ProcessBuilder(python, "-c", WEBSOCKETS_SERVER)
        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    try (LiveSite site = new LiveSite(new Resource())) {
      BufferedReader out = new BufferedReader(
          new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
      int port = Integer.parseInt(out.readLine().strip());
      Collecting client = new Collecting();
      LiveSite.await(site.call(() -> new WebSocketClient(site.reactor, DEFLATE)
          .connect(URI.create("ws://127.0.0.1:" + port + "/"), client).toCompletableFuture()));
      assertThat(client.next()).isEqualTo("open true");
      site.call(() -> {
        client.connection().sendMessage("Hello from Twine \u00e9");
        client.connection().sendMessage(Bytes.of((byte) 0, (byte) 255), true);
        client.connection().sendMessage("compressible ".repeat(10_000));
        return null;
      });
      assertThat(client.next()).isEqualTo("text 19");
      assertThat(client.next()).isEqualTo("binary 00ff");
      assertThat(client.next()).isEqualTo("text 130000");
      site.call(() -> {
        client.connection().sendClose();
        return null;
      });
      assertThat(client.next()).isEqualTo("close true 1000");
    } finally {
      server.destroy();
      server.waitFor(10, TimeUnit.SECONDS);
    }
  }
}
