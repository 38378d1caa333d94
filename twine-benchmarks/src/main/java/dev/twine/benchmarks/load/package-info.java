/**
 * The load generators of the side-by-side benchmarks, one main class each. Every one takes
 * {@code --host H --port P --duration SECONDS --warmup SECONDS} plus its own options, stops
 * within its warmup and duration plus a hard cap on stalls, prints its result as one flat JSON
 * object on the last line of standard output, and exits with code 1 and a one-line message when
 * the server misbehaves.
 */
@NullMarked
package dev.twine.benchmarks.load;

import org.jspecify.annotations.NullMarked;
