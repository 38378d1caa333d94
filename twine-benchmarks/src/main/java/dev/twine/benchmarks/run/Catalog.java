package dev.twine.benchmarks.run;

import static dev.twine.benchmarks.run.Peer.ECHO_SERVERS;
import static dev.twine.benchmarks.run.Peer.HTTP_SERVERS;
import static dev.twine.benchmarks.run.Peer.NETTY;
import static dev.twine.benchmarks.run.Peer.NETTY_EPOLL;
import static dev.twine.benchmarks.run.Peer.NETTY_NIO;
import static dev.twine.benchmarks.run.Peer.TWINE;
import static dev.twine.benchmarks.run.Peer.TWISTED;
import static dev.twine.benchmarks.run.Peer.VERTX;

import java.util.List;

/** Every workload of {@code bench/run}, in the order they run and are reported. */
final class Catalog {
  /** How many idle connections the memory workload opens when the open-file limit allows. */
  static final int IDLE_CONNECTIONS = 10_000;

  private static final List<Peer> WEBSOCKET_SERVERS = List.of(TWINE, NETTY_NIO, NETTY_EPOLL, VERTX, TWISTED);
  private static final List<Peer> JAVA_ONLY = List.of(TWINE, NETTY_NIO);

  private Catalog() {}

  /** Returns the workloads. */
  static List<Workload> workloads() {
    return List.of(
        new Workload("http-plaintext", "HTTP plaintext, pipelined 16, 256 conns", "req/s", false,
            HTTP_SERVERS, new WrkMeasurement(Service.HTTP, 256, 16, "/plaintext")),
        new Workload("http-json", "HTTP JSON, 64 conns", "req/s", false,
            HTTP_SERVERS, new WrkMeasurement(Service.HTTP, 64, 1, "/json")),
        new Workload("static-1m", "Static file 1 MiB, 16 conns", "req/s", false,
            HTTP_SERVERS, new WrkMeasurement(Service.FILES, 16, 1, null)),
        echo("tcp-echo-64", "TCP echo 64 B", 64),
        echo("tcp-echo-16k", "TCP echo 16 KiB", 16384),
        new Workload("connect-rate", "TCP connection rate", "conn/s", false, ECHO_SERVERS,
            new LoadMeasurement(Service.ECHO, "ConnectRateLoad", List.of(), false)),
        new Workload("udp-echo-64", "UDP echo 64 B", "datagrams/s", false, JAVA_ONLY,
            new LoadMeasurement(Service.UDP_ECHO, "UdpEchoLoad", List.of("--size", "64"), false)),
        webSocket("websocket-32", "WebSocket echo 32 B, 100 conns", 32),
        webSocket("websocket-16k", "WebSocket echo 16 KiB, 100 conns", 16384),
        new Workload("tls-handshake", "TLS handshakes", "handshakes/s", false, JAVA_ONLY,
            new LoadMeasurement(Service.TLS_ECHO, "TlsHandshakeLoad", List.of(), false)),
        new Workload("tls-bulk", "TLS bulk transfer", "MB/s", false, JAVA_ONLY,
            new LoadMeasurement(Service.TLS_ECHO, "TlsBulkLoad", List.of(), false)),
        new Workload("http-client", "HTTP client, 64 concurrent", "req/s", false,
            List.of(TWINE, NETTY, VERTX), new LoadMeasurement(Service.HTTP, "HttpClientLoad",
                List.of("--path", "/plaintext", "--concurrency", "64"), true)),
        new Workload("idle-memory", "Memory per idle HTTP connection", "B/conn", true,
            HTTP_SERVERS, new IdleMemory(IDLE_CONNECTIONS)),
        new Workload("startup", "Start-up to first response", "ms", true,
            HTTP_SERVERS, new StartupTime()));
  }

  private static Workload echo(String name, String title, int size) {
    return new Workload(name, title + ", 64 conns", "MB/s", false, ECHO_SERVERS,
        new LoadMeasurement(Service.ECHO, "TcpEchoLoad",
            List.of("--size", String.valueOf(size), "--connections", "64"), false));
  }

  private static Workload webSocket(String name, String title, int size) {
    return new Workload(name, title, "msg/s", false, WEBSOCKET_SERVERS,
        new LoadMeasurement(Service.HTTP, "WebSocketLoad",
            List.of("--path", "/ws", "--size", String.valueOf(size), "--connections", "100"), false));
  }
}
