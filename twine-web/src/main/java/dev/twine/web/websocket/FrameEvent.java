package dev.twine.web.websocket;

/**
 * What a {@link FrameParser} reads: each frame comes out as its {@link FrameHeader}, then its
 * payload in one or more {@link FramePayload} pieces, the last of which ends the frame.
 */
public sealed interface FrameEvent permits FrameHeader, FramePayload {}
