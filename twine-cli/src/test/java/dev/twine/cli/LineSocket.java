package dev.twine.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/**
 * A plain {@link Socket} to a loopback port that sends and reads CRLF-terminated lines; every
 * read gives up after {@link TwineProcess#WAIT}.
 */
final class LineSocket implements AutoCloseable {
  private final Socket socket;
  private final InputStream in;
  private final OutputStream out;

  LineSocket(int port) throws IOException {
    this.socket = new Socket("127.0.0.1", port);
    socket.setSoTimeout((int) TwineProcess.WAIT.toMillis());
    this.in = socket.getInputStream();
    this.out = socket.getOutputStream();
  }

  void send(String text) throws IOException {
    out.write(text.getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  void sendLine(String line) throws IOException {
    send(line + "\r\n");
  }

  /** Reads the next line, without its CRLF; fails on end of stream or timeout. */
  String readLine() throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    int previous = -1;
    for (int b = in.read(); b != -1; b = in.read()) {
      if (previous == '\r' && b == '\n') {
        byte[] bytes = line.toByteArray();
        return new String(bytes, 0, bytes.length - 1, StandardCharsets.UTF_8);
      }
      line.write(b);
      previous = b;
    }
    throw new IOException("end of stream after \"" + line.toString(StandardCharsets.UTF_8) + "\"");
  }

  /** Reads exactly {@code n} bytes as UTF-8. */
  String read(int n) throws IOException {
    return new String(in.readNBytes(n), StandardCharsets.UTF_8);
  }

  /** Returns whether the server closed the connection: the next read sees the end of the stream. */
  boolean closedByPeer() throws IOException {
    try {
      return in.read() == -1;
    } catch (SocketTimeoutException e) {
      return false;
    }
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
