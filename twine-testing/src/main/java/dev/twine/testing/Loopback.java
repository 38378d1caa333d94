package dev.twine.testing;

import dev.twine.internet.Address;
import dev.twine.internet.AddressType;
import dev.twine.internet.Connector;
import dev.twine.internet.IPv4Address;
import dev.twine.internet.Protocol;
import java.util.Objects;

/**
 * Connects two protocols in memory, each with a full {@code StreamTransport}, and returns the
 * {@link Pump} that moves their bytes when the test says so (Twisted's {@code iosim.connect}).
 *
 * <pre>{@code
 * Echo server = new Echo();
 * Recorder client = new Recorder();
 * Pump pump = Loopback.connect(server, client);
 * client.transport().write(Bytes.utf8("hello"));
 * pump.flush();                                   // the server echoes, the client receives
 * client.transport().loseConnection();
 * pump.flush();                                   // both get ConnectionDone
 * }</pre>
 *
 * <p>Threading: the test's thread.
 */
public final class Loopback {
  private Loopback() {}

  /**
   * The settings of a loopback connection.
   *
   * @param highWater a producer writing to one end is paused when more than this many bytes wait
   *     to be delivered to the other
   * @param lowWater it is resumed once the pump has brought them under this many
   * @param serverAddress the server end's address (the client's peer)
   * @param clientAddress the client end's address (the server's peer)
   */
  public record Options(int highWater, int lowWater, Address serverAddress, Address clientAddress) {
    /** 64 KiB and 32 KiB, as the NIO reactor's; 127.0.0.1 port 8080 and port 50000. */
    public static final Options DEFAULT = new Options(64 * 1024, 32 * 1024,
        new IPv4Address(AddressType.TCP, "127.0.0.1", 8080),
        new IPv4Address(AddressType.TCP, "127.0.0.1", 50000));

    /** Validates the settings. */
    public Options {
      Objects.requireNonNull(serverAddress, "serverAddress");
      Objects.requireNonNull(clientAddress, "clientAddress");
      if (lowWater < 0 || lowWater > highWater) {
        throw new IllegalArgumentException(
            "need 0 <= lowWater <= highWater: lowWater " + lowWater + ", highWater " + highWater);
      }
    }

    /** Returns these options with other water marks. */
    public Options withWaterMarks(int high, int low) {
      return new Options(high, low, serverAddress, clientAddress);
    }

    /** Returns these options with other addresses. */
    public Options withAddresses(Address server, Address client) {
      return new Options(highWater, lowWater, server, client);
    }
  }

  /** Connects {@code server} and {@code client} with the {@linkplain Options#DEFAULT default options}. */
  public static Pump connect(Protocol server, Protocol client) {
    return connect(server, client, Options.DEFAULT);
  }

  /**
   * Connects {@code server} and {@code client}: calls {@code makeConnection} on the server, then on
   * the client. Nothing moves until the returned pump is pumped.
   */
  public static Pump connect(Protocol server, Protocol client, Options options) {
    Objects.requireNonNull(server, "server");
    Objects.requireNonNull(client, "client");
    Objects.requireNonNull(options, "options");
    if (server == client) {
      throw new IllegalArgumentException("a protocol cannot be connected to itself: " + server);
    }
    LoopbackTransport serverEnd =
        new LoopbackTransport(options.serverAddress(), options.clientAddress(), options);
    LoopbackTransport clientEnd =
        new LoopbackTransport(options.clientAddress(), options.serverAddress(), options);
    serverEnd.attach(server, reason -> {});
    clientEnd.attach(client, reason -> {});
    server.makeConnection(serverEnd);
    client.makeConnection(clientEnd);
    return new Pump(serverEnd, clientEnd);
  }

  /** Connects {@code client} to {@code server} with the {@linkplain Options#DEFAULT default options}. */
  public static Pump connect(MemoryPort server, MemoryConnector client) {
    return connect(server, client, Options.DEFAULT);
  }

  /**
   * Connects the attempt of {@code client} to {@code server}, both of a {@link MemoryReactor}: the
   * port {@linkplain MemoryPort#accept accepts} a connection from {@code options.clientAddress()},
   * then the connector {@linkplain MemoryConnector#complete completes}, so code that listens and
   * code that connects through the reactor talk to each other. The server end's address is the
   * port's and the client's peer is the connector's destination. When the connection ends, the
   * client factory hears it after the protocol, as from a real reactor.
   *
   * @throws IllegalStateException if the port is not listening, the connector not connecting, or
   *     a factory refused the connection
   */
  public static Pump connect(MemoryPort server, MemoryConnector client, Options options) {
    Objects.requireNonNull(server, "server");
    Objects.requireNonNull(client, "client");
    Objects.requireNonNull(options, "options");
    if (client.state() != Connector.State.CONNECTING) {
      throw new IllegalStateException("cannot connect " + client + ": it is not connecting");
    }
    LoopbackTransport serverEnd =
        new LoopbackTransport(server.address(), options.clientAddress(), options);
    LoopbackTransport clientEnd =
        new LoopbackTransport(options.clientAddress(), client.destination(), options);
    Protocol serverProtocol = server.accept(serverEnd).orElseThrow(
        () -> new IllegalStateException("the factory of " + server + " refused the connection"));
    serverEnd.attach(serverProtocol, reason -> {});
    Protocol clientProtocol = client.complete(clientEnd).orElseThrow(
        () -> new IllegalStateException("the factory of " + client + " refused the connection"));
    clientEnd.attach(clientProtocol, client::closed);
    return new Pump(serverEnd, clientEnd);
  }
}
