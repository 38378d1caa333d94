package dev.twine.web.client;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A tiny HTTP server on a real loopback socket, written with blocking sockets in the test so that
 * it can misbehave on purpose: each accepted connection runs the script the test gave, with the
 * connection's number, on a thread of its own. Every read is bounded by a timeout.
 */
final class RawServer implements AutoCloseable {
  /** What the server does on one connection. */
  @FunctionalInterface
  interface Script {
    void run(Connection connection) throws IOException;
  }

  /** One accepted connection, with helpers to read requests and write raw responses. */
  static final class Connection {
    final int number;
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    Connection(int number, Socket socket) throws IOException {
      this.number = number;
      this.socket = socket;
      this.in = socket.getInputStream();
      this.out = socket.getOutputStream();
    }

    /**
     * Reads one request, head and Content-Length body, and returns it as text; returns null if
     * the client closed the connection first.
     */
    String readRequest() throws IOException {
      ByteArrayOutputStream head = new ByteArrayOutputStream();
      while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
        int b = in.read();
        if (b < 0) {
          return null;
        }
        head.write(b);
      }
      String text = head.toString(StandardCharsets.ISO_8859_1);
      int length = 0;
      for (String line : text.split("\r\n")) {
        if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
          length = Integer.parseInt(line.substring(15).strip());
        }
      }
      return text + new String(in.readNBytes(length), StandardCharsets.ISO_8859_1);
    }

    /** Writes {@code raw}, one byte per character. */
    void send(String raw) throws IOException {
      send(raw.getBytes(StandardCharsets.ISO_8859_1));
    }

    void send(byte[] raw) throws IOException {
      out.write(raw);
      out.flush();
    }

    /** Waits until the client closes the connection, or the patience runs out. */
    void awaitClose() throws IOException {
      try {
        while (in.read() >= 0) {
          // drain
        }
      } catch (SocketTimeoutException e) {
        // the client kept it open
      }
    }

    void close() throws IOException {
      socket.close();
    }
  }

  private final ServerSocket listening;
  private final AtomicInteger accepted = new AtomicInteger();
  private final List<Socket> sockets = Collections.synchronizedList(new ArrayList<>());

  RawServer(Script script) throws IOException {
    listening = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread.ofPlatform().daemon().name("raw-http-server").start(() -> {
      while (!listening.isClosed()) {
        try {
          Socket socket = listening.accept();
          socket.setSoTimeout((int) ReactorThread.PATIENCE.toMillis());
          sockets.add(socket);
          Connection connection = new Connection(accepted.getAndIncrement(), socket);
          Thread.ofPlatform().daemon().start(() -> {
            try (socket) {
              script.run(connection);
            } catch (IOException e) {
              // the client went away: the test sees that on its side
            }
          });
        } catch (IOException e) {
          return;
        }
      }
    });
  }

  /** Returns the base URI, such as {@code http://127.0.0.1:40123}. */
  String uri() {
    return "http://127.0.0.1:" + listening.getLocalPort();
  }

  /** Returns how many connections were accepted. */
  int connections() {
    return accepted.get();
  }

  @Override
  public void close() {
    try {
      listening.close();
      for (Socket socket : List.copyOf(sockets)) {
        socket.close();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
