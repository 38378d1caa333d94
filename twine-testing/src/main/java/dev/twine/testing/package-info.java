/**
 * Twine's deterministic test kit: a {@link dev.twine.testing.Clock} advanced by hand, in-memory
 * transports and reactors, Deferred assertions, chunked feeding, and a JUnit 5 extension.
 */
@NullMarked
package dev.twine.testing;

import org.jspecify.annotations.NullMarked;
