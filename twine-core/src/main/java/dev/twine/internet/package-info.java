/**
 * The reactor and its capabilities (time, threads, TCP, UNIX, UDP), protocols, factories,
 * transports, endpoints and tasks.
 */
@NullMarked
package dev.twine.internet;

import org.jspecify.annotations.NullMarked;
