package dev.twine.internet;

/**
 * An event loop that owns connections, timers and thread hand-offs: every capability in one
 * type. Code that needs only some of them should ask for the narrow interface
 * ({@link ReactorTime}, {@link ReactorTcp}, {@link ReactorUdp}, ...), so tests can pass a
 * {@code Clock} or a {@code MemoryReactor}.
 *
 * <p>There is no global reactor: create one and pass it on. {@code Task.react} is the simple
 * entry point for programs.
 */
public interface Reactor
    extends ReactorCore, ReactorTime, ReactorThreads, ReactorTcp, ReactorUnix, ReactorUdp {}
