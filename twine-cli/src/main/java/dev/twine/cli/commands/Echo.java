package dev.twine.cli.commands;

import dev.twine.bytes.Bytes;
import dev.twine.internet.Protocol;

/** Writes back every byte it receives, as it receives it (RFC 862; Twisted's {@code Echo}). */
final class Echo extends Protocol {
  @Override
  public void dataReceived(Bytes data) {
    transport().write(data);
  }
}
