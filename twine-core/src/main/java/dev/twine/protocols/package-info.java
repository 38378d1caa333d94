/**
 * Ready-made protocols and policies (Twisted's {@code twisted.protocols.basic} and
 * {@code policies}): line framing ({@link dev.twine.protocols.LineReceiver},
 * {@link dev.twine.protocols.LineOnlyReceiver}), length-prefixed strings
 * ({@link dev.twine.protocols.Int32StringReceiver} and its 8- and 16-bit siblings), netstrings
 * ({@link dev.twine.protocols.NetstringReceiver}), idle timeouts
 * ({@link dev.twine.protocols.IdleTimeout}, {@link dev.twine.protocols.TimeoutProtocol}),
 * connection limits ({@link dev.twine.protocols.LimitConnectionsFactory}), bandwidth throttling
 * ({@link dev.twine.protocols.ThrottlingProtocol}), the PROXY protocol for servers behind a proxy
 * ({@link dev.twine.protocols.ProxyProtocolFactory}), and the wrappers policies are built from
 * ({@link dev.twine.protocols.ProtocolWrapper}, {@link dev.twine.protocols.WrappingFactory}).
 *
 * <p>The framing receivers parse from a {@link dev.twine.bytes.Buffer} and never search the same
 * bytes twice as more arrive, so a frame costs time in proportion to its length however the
 * network cuts it. Each enforces a maximum frame length, so no peer can make it buffer without
 * bound.
 */
@NullMarked
package dev.twine.protocols;

import org.jspecify.annotations.NullMarked;
