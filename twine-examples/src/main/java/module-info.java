/**
 * Twine examples: an echo server and client, a chat server and the first steps of Twisted's
 * finger tutorial, UDP echo and multicast, each a small program with a {@code main}.
 */
module dev.twine.examples {
  requires transitive dev.twine.core;
  requires static org.jspecify;

  exports dev.twine.examples.chat;
  exports dev.twine.examples.echo;
  exports dev.twine.examples.finger;
  exports dev.twine.examples.udp;
}
