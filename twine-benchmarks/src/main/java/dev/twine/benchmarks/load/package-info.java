/**
 * Load generators of the side-by-side benchmarks: each is a main class bounded by {@code
 * --warmup} and {@code --duration} seconds that prints one flat JSON object as its last line on
 * stdout and exits 1 with one line on stderr when the peer misbehaves.
 */
@NullMarked
package dev.twine.benchmarks.load;

import org.jspecify.annotations.NullMarked;
