package dev.twine.web.client;

import dev.twine.web.http.RequestHead;
import org.jspecify.annotations.Nullable;

/**
 * A request ready for a connection: its head, with every field the agent adds, its body, and the
 * URI the caller asked for, which the {@link Response} reports.
 */
record OutgoingRequest(RequestHead head, @Nullable BodyProducer body, String uri) {}
