/**
 * Load generators run against a server in another process: each a main class with {@code --host},
 * {@code --port}, {@code --duration} and {@code --warmup}, bounded in time, printing one flat JSON
 * object of its figures as its last line on stdout.
 */
@NullMarked
package dev.twine.benchmarks.load;

import org.jspecify.annotations.NullMarked;
