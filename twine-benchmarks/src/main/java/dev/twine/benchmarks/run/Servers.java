package dev.twine.benchmarks.run;

import io.netty.channel.epoll.Epoll;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command line that starts each peer as a server of each {@link Service}, with the same
 * number of event-loop threads for all: {@code --reactors} for Twine, {@code --threads} for
 * Netty and Vert.x, {@code worker_processes} for nginx; Twisted has one.
 */
final class Servers {
  private static final String PACKAGE = "dev.twine.benchmarks.servers.";

  private Servers() {}

  /**
   * Returns the command starting {@code peer} as a server of {@code service} on {@code port}.
   *
   * @throws CellException unavailable, if the peer is not installed, not built or does not offer
   *     the service
   */
  static List<String> command(Peer peer, Service service, int port, int threads, Session session)
      throws CellException, InterruptedException {
    String p = String.valueOf(port);
    String n = String.valueOf(threads);
    return switch (peer) {
      case TWINE -> session.twine(twine(service, port, threads, session));
      case NETTY_NIO, NETTY_EPOLL -> netty(peer, service, p, n, session);
      case VERTX -> session.javaMain(PACKAGE + switch (service) {
        case ECHO -> "VertxEchoServer";
        case HTTP, FILES -> "VertxHttpServer";
        default -> throw notOffered(peer, service);
      }, withFiles(service, session, "--port", p, "--threads", n));
      case TWISTED -> switch (service) {
        case ECHO -> session.python("bench/peers/twisted_echo.py", "twisted", List.of(p));
        case HTTP, FILES -> session.python("bench/peers/twisted_hello.py", "twisted",
            List.of(p, session.files().toString()));
        default -> throw notOffered(peer, service);
      };
      case NGINX -> nginx(service, port, threads, session);
      case NETTY -> throw notOffered(peer, service);
    };
  }

  /** Returns the path a peer serves {@link Session#STATIC_FILE} at. */
  static String staticPath(Peer peer) {
    return (peer == Peer.TWINE ? "/" : "/files/") + Session.STATIC_FILE;
  }

  /**
   * Returns {@code ./twine}'s arguments for {@code service}, every endpoint bound to loopback
   * only. {@code --reactors} is an option of {@code twine hello} and {@code twine web} alone.
   *
   * @throws CellException unavailable, for an echo service with more than one reactor
   */
  private static List<String> twine(Service service, int port, int reactors, Session session)
      throws CellException, InterruptedException {
    String loopback = ":interface=" + Session.HOST;
    List<String> args = new ArrayList<>(switch (service) {
      case ECHO -> List.of("echo", "--listen", "tcp:" + port + loopback);
      case UDP_ECHO -> List.of("echo", "--listen", "udp:" + port + loopback);
      case TLS_ECHO -> {
        Path tls = session.tls();
        yield List.of("echo", "--listen", "ssl:" + port + ":privateKey=" + tls.resolve("key.pem")
            + ":certKey=" + tls.resolve("cert.pem") + loopback);
      }
      case HTTP -> List.of("hello", "--listen", "tcp:" + port + loopback);
      case FILES -> List.of("web", "--path", session.files().toString(), "--listen",
          "tcp:" + port + loopback);
    });
    if (reactors > 1) {
      if (service != Service.HTTP && service != Service.FILES) {
        throw CellException.unavailable("twine echo runs on one reactor (no --reactors)");
      }
      args.addAll(List.of("--reactors", String.valueOf(reactors)));
    }
    return args;
  }

  private static List<String> netty(Peer peer, Service service, String port, String threads,
      Session session) throws CellException, InterruptedException {
    String transport = peer == Peer.NETTY_EPOLL ? "epoll" : "nio";
    if (peer == Peer.NETTY_EPOLL && !Epoll.isAvailable()) {
      throw CellException.unavailable("no epoll: " + Epoll.unavailabilityCause());
    }
    return switch (service) {
      case ECHO -> session.javaMain(PACKAGE + "NettyEchoServer",
          List.of("--port", port, "--threads", threads, "--transport", transport));
      case HTTP, FILES -> session.javaMain(PACKAGE + "NettyHttpServer", withFiles(service, session,
          "--port", port, "--threads", threads, "--transport", transport));
      case UDP_ECHO, TLS_ECHO -> {
        if (peer == Peer.NETTY_EPOLL) {
          throw notOffered(peer, service);
        }
        if (service == Service.UDP_ECHO) {
          yield session.javaMain(PACKAGE + "NettyUdpEchoServer", List.of("--port", port, "--threads", threads));
        }
        Path tls = session.tls();
        yield session.javaMain(PACKAGE + "NettyTlsEchoServer", List.of("--port", port, "--threads",
            threads, "--cert", tls.resolve("cert.pem").toString(), "--key",
            tls.resolve("key.pem").toString()));
      }
    };
  }

  private static List<String> withFiles(Service service, Session session, String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    if (service == Service.HTTP || service == Service.FILES) {
      all.addAll(List.of("--files", session.files().toString()));
    }
    return all;
  }

  private static List<String> nginx(Service service, int port, int workers, Session session)
      throws CellException {
    if (service != Service.HTTP && service != Service.FILES) {
      throw notOffered(Peer.NGINX, service);
    }
    String nginx = Session.program("nginx").orElseThrow(
        () -> CellException.unavailable("nginx is not installed (apt-get install nginx)")).toString();
    try {
      return NginxConfig.write(nginx, session.work().resolve("nginx-" + port), port, workers,
          session.files());
    } catch (IOException e) {
      throw CellException.failed("cannot write the nginx configuration: " + e.getMessage());
    }
  }

  private static CellException notOffered(Peer peer, Service service) {
    return CellException.unavailable(peer.label() + " has no " + service.name().toLowerCase()
        .replace('_', ' ') + " server");
  }
}
