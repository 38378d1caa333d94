package dev.twine.benchmarks;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.ServerSocketChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;

/**
 * The Netty transports the benchmarks choose between: the JDK's NIO selector or Linux's native
 * epoll. Each constant supplies the event loops and channel classes of its transport, so that a
 * server or client is written once for both.
 */
public enum NettyTransport {
  /** The JDK's selector; available everywhere. */
  NIO,
  /** Netty's native epoll transport; only on Linux with the native library loaded. */
  EPOLL;

  /**
   * Returns the transport named {@code name} ({@code nio} or {@code epoll}).
   *
   * @throws IllegalArgumentException if the name is neither, or if it is {@code epoll} and epoll
   *     is not available here (the message gives Netty's reason)
   */
  public static NettyTransport named(String name) {
    NettyTransport transport = switch (name) {
      case "nio" -> NIO;
      case "epoll" -> EPOLL;
      default -> throw new IllegalArgumentException(
          "transport must be nio or epoll, got '" + name + "'");
    };
    if (transport == EPOLL && !Epoll.isAvailable()) {
      throw new IllegalArgumentException(
          "epoll is not available here: " + Epoll.unavailabilityCause());
    }
    return transport;
  }

  /** Returns the most efficient transport available here: epoll if it loads, otherwise NIO. */
  public static NettyTransport best() {
    return Epoll.isAvailable() ? EPOLL : NIO;
  }

  /** Creates {@code threads} event loops of this transport; the caller shuts them down. */
  public EventLoopGroup eventLoops(int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be at least 1, got " + threads);
    }
    return new MultiThreadIoEventLoopGroup(
        threads, this == EPOLL ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
  }

  /** Returns the listening TCP channel class of this transport. */
  public Class<? extends ServerSocketChannel> serverChannel() {
    return this == EPOLL ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
  }

  /** Returns the connected TCP channel class of this transport. */
  public Class<? extends SocketChannel> socketChannel() {
    return this == EPOLL ? EpollSocketChannel.class : NioSocketChannel.class;
  }

  /** Returns the UDP channel class of this transport. */
  public Class<? extends DatagramChannel> datagramChannel() {
    return this == EPOLL ? EpollDatagramChannel.class : NioDatagramChannel.class;
  }

  /** Returns the name this transport is given on the command line. */
  @Override
  public String toString() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
