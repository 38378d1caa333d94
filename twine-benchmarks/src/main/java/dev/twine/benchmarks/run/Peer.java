package dev.twine.benchmarks.run;

import java.util.List;

/**
 * The programs Twine is measured against, named as on {@code bench/run --peers}. {@link #NETTY}
 * is Netty's HTTP client in the HTTP client workload, where the peers are client libraries; the
 * other Netty entries are Netty servers on one transport.
 */
enum Peer {
  TWINE("twine"),
  NETTY_NIO("netty-nio"),
  NETTY_EPOLL("netty-epoll"),
  NETTY("netty"),
  VERTX("vertx"),
  TWISTED("twisted"),
  NGINX("nginx");

  /** The peers of the server workloads that speak HTTP. */
  static final List<Peer> HTTP_SERVERS = List.of(TWINE, NETTY_NIO, NETTY_EPOLL, VERTX, TWISTED, NGINX);

  /** The peers of the TCP echo workloads. */
  static final List<Peer> ECHO_SERVERS = List.of(TWINE, NETTY_NIO, NETTY_EPOLL, VERTX, TWISTED);

  private final String label;

  Peer(String label) {
    this.label = label;
  }

  /** Returns the name of this peer on the command line and in the results. */
  String label() {
    return label;
  }

  /**
   * Returns whether {@code --peers} entry {@code name} selects this peer: its label, or a family
   * such as {@code netty} for every Netty entry, or a Netty transport for the Netty client.
   */
  boolean selectedBy(String name) {
    return label.equals(name) || label.startsWith(name + "-") || name.startsWith(label + "-");
  }
}
