/**
 * The reactor on {@code java.nio}: {@link dev.twine.internet.nio.NioReactor} and its TCP, UNIX and
 * UDP transports. Only the reactor and reactor group are public; everything else is internal.
 */
@NullMarked
package dev.twine.internet.nio;

import org.jspecify.annotations.NullMarked;
