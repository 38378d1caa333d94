/**
 * The peer servers Twine is measured against, one main class per (peer, service): each listens
 * on 127.0.0.1 at {@code --port P} and runs until it is killed. The benchmark orchestrator starts
 * them, waits until they answer, and stops them by process id.
 */
@NullMarked
package dev.twine.benchmarks.servers;

import org.jspecify.annotations.NullMarked;
