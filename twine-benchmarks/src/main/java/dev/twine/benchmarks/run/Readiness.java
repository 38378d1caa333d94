package dev.twine.benchmarks.run;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** How the orchestrator tells that a server listens on its port: no output contract needed. */
enum Readiness {
  /** A TCP connection to the port succeeds. */
  TCP {
    @Override
    boolean probe(int port) {
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress(Session.HOST, port), 200);
        return true;
      } catch (IOException e) {
        return false;
      }
    }
  },

  /** {@code GET /plaintext} is answered with status 200. */
  HTTP {
    @Override
    boolean probe(int port) {
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress(Session.HOST, port), 200);
        socket.setSoTimeout(1000);
        return HttpExchange.get(socket.getInputStream(), socket.getOutputStream(), "/plaintext") == 200;
      } catch (IOException e) {
        return false;
      }
    }
  },

  /** A datagram sent to the port comes back. */
  UDP {
    @Override
    boolean probe(int port) {
      byte[] probe = "twine-bench-probe".getBytes(StandardCharsets.US_ASCII);
      try (DatagramSocket socket = new DatagramSocket()) {
        socket.setSoTimeout(100);
        socket.send(new DatagramPacket(probe, probe.length, new InetSocketAddress(Session.HOST, port)));
        DatagramPacket answer = new DatagramPacket(new byte[64], 64);
        socket.receive(answer);
        return Arrays.equals(probe, 0, probe.length, answer.getData(), 0, answer.getLength());
      } catch (IOException e) {
        return false;
      }
    }
  };

  /** Returns whether the server on {@code port} answered this probe; blocks up to about a second. */
  abstract boolean probe(int port);
}
