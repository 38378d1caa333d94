/**
 * The load generators of the side-by-side benchmarks, one main class each. Every one takes
 * {@code --host H --port P --duration SECONDS --warmup SECONDS} plus its own options, drives one
 * Netty event loop (so that the same client measures every server), stops within its warmup and
 * duration plus a hard cap on stalls, prints its result as one flat JSON object on the last line
 * of standard output, and exits with code 1 and a one-line message when the server misbehaves.
 *
 * <p>Each class also offers {@code measure(Args)}, which returns the {@link
 * dev.twine.benchmarks.load.Result} instead of printing it, for tests that run it in-process.
 */
@NullMarked
package dev.twine.benchmarks.load;

import org.jspecify.annotations.NullMarked;
