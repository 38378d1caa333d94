/**
 * JMH micro-benchmarks of Twine, each measured side by side with the JDK or library baseline it
 * is meant to match, and what the whole-server benchmarks share: {@link dev.twine.benchmarks.Args}
 * (command-line options) and {@link dev.twine.benchmarks.NettyTransport} (Netty's NIO or epoll).
 * Run the micro-benchmarks with {@code bench/jmh} at the repository root; results and how to read
 * them are in {@code BENCHMARKS.md}.
 */
@NullMarked
package dev.twine.benchmarks;

import org.jspecify.annotations.NullMarked;
