/**
 * UDP examples: an echo server and client (Twisted's {@code echoserv_udp.py} and
 * {@code echoclient_udp.py}) and a multicast sender and receiver.
 */
@NullMarked
package dev.twine.examples.udp;

import org.jspecify.annotations.NullMarked;
