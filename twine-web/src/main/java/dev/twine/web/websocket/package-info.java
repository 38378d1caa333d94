/**
 * WebSocket (RFC 6455) for Twine's server and client, with permessage-deflate (RFC 7692).
 *
 * <p>An application writes a {@link dev.twine.web.websocket.WebSocketProtocol}: it hears {@code
 * onOpen}, {@code onMessage}, {@code onClose} (and pings and pongs, if it cares), and talks back
 * through its {@link dev.twine.web.websocket.WebSocketConnection}, the engine that speaks the
 * protocol on a transport once the opening handshake is over: framing, fragmentation, masking,
 * UTF-8 validation, the close handshake with its timeouts, automatic pings and compression.
 *
 * <p>The pieces underneath are public for those who build on them: the incremental {@link
 * dev.twine.web.websocket.FrameParser} and the {@link dev.twine.web.websocket.FrameEncoder}, the
 * streaming {@link dev.twine.web.websocket.Utf8Validator}, the checks of the opening handshake
 * ({@link dev.twine.web.websocket.ServerHandshake}, {@link
 * dev.twine.web.websocket.ClientHandshake}) and the negotiation of {@link
 * dev.twine.web.websocket.PerMessageDeflate}.
 *
 * <p>Input from the network that breaks the protocol is answered with the close code RFC 6455
 * gives it, never with a crash: 1002 for framing errors, 1007 for invalid UTF-8 or compressed
 * data, 1009 for a frame or message past the {@link dev.twine.web.websocket.WebSocketLimits},
 * which count decompressed bytes, so that a compression bomb is stopped early.
 */
@NullMarked
package dev.twine.web.websocket;

import org.jspecify.annotations.NullMarked;
