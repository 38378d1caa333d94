/** An echo server and an echo client (Twisted's {@code echoserv.py} and {@code echoclient.py}). */
@NullMarked
package dev.twine.examples.echo;

import org.jspecify.annotations.NullMarked;
