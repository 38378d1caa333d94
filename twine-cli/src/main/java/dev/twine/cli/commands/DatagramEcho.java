package dev.twine.cli.commands;

import dev.twine.bytes.Bytes;
import dev.twine.internet.Address;
import dev.twine.internet.DatagramProtocol;

/** Sends every datagram back to its sender (RFC 862 over UDP; Twisted's {@code echoserv_udp.py}). */
final class DatagramEcho extends DatagramProtocol {
  @Override
  public void datagramReceived(Bytes data, Address from) {
    transport().write(data, from);
  }
}
