package dev.twine.web.client;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A tiny forward proxy on a real loopback socket, written with blocking sockets for the tests:
 * it reads a {@code CONNECT host:port} request, records its head, and either refuses it with the
 * answer the test gave or connects to that port of 127.0.0.1, answers {@code 200}, and copies
 * bytes both ways until one side closes.
 */
final class TunnelProxy implements AutoCloseable {
  private final ServerSocket server;
  private final String refusal;
  private final List<String> requests = new CopyOnWriteArrayList<>();
  private final List<Socket> sockets = new CopyOnWriteArrayList<>();

  /** Starts a proxy that answers each tunnel request with {@code refusal}, or opens it if empty. */
  TunnelProxy(String refusal) throws IOException {
    this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    this.refusal = refusal;
    Thread.ofPlatform().daemon().name("tunnel-proxy").start(this::accept);
  }

  /** Starts a proxy that opens every tunnel asked for. */
  TunnelProxy() throws IOException {
    this("");
  }

  int port() {
    return server.getLocalPort();
  }

  /** Returns the heads of the requests received, in order. */
  List<String> requests() {
    return List.copyOf(requests);
  }

  private void accept() {
    while (!server.isClosed()) {
      try {
        Socket client = server.accept();
        sockets.add(client);
        Thread.ofPlatform().daemon().start(() -> serve(client));
      } catch (IOException e) {
        return;
      }
    }
  }

  private void serve(Socket client) {
    try {
      InputStream in = client.getInputStream();
      String head = readHead(in);
      requests.add(head);
      if (!refusal.isEmpty()) {
        client.getOutputStream().write(refusal.getBytes(StandardCharsets.ISO_8859_1));
        client.close();
        return;
      }
      String authority = head.substring("CONNECT ".length(), head.indexOf(' ', 8));
      int port = Integer.parseInt(authority.substring(authority.lastIndexOf(':') + 1));
      Socket upstream = new Socket(InetAddress.getLoopbackAddress(), port);
      sockets.add(upstream);
      client.getOutputStream().write(
          "HTTP/1.1 200 Connection established\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
      Thread.ofPlatform().daemon().start(() -> copy(upstream, client));
      copy(client, upstream);
    } catch (IOException e) {
      close(client);
    }
  }

  private static String readHead(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("the client closed before the end of its request head");
      }
      head.write(b);
    }
    return head.toString(StandardCharsets.ISO_8859_1);
  }

  private static void copy(Socket from, Socket to) {
    try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
      in.transferTo(out);
    } catch (IOException e) {
      // one side went away: the tunnel is over
    } finally {
      close(from);
      close(to);
    }
  }

  private static void close(Socket socket) {
    try {
      socket.close();
    } catch (IOException e) {
      // closing anyway
    }
  }

  @Override
  public void close() throws IOException {
    server.close();
    sockets.forEach(TunnelProxy::close);
  }
}
