/**
 * The peer servers of the side-by-side benchmarks, one main class per library and service: each
 * takes {@code --port P} (and {@code --threads N} event-loop threads where it has them), listens on
 * 127.0.0.1 and runs until killed.
 */
@NullMarked
package dev.twine.benchmarks.servers;

import org.jspecify.annotations.NullMarked;
