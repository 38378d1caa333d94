/**
 * Results that arrive later: {@link dev.twine.defer.Deferred} with Twisted's chain semantics,
 * {@link dev.twine.defer.Failure}, lists, locks, semaphores, queues and bridges to
 * {@link java.util.concurrent.CompletionStage}.
 */
@NullMarked
package dev.twine.defer;

import org.jspecify.annotations.NullMarked;
