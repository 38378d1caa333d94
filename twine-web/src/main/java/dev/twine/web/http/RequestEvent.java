package dev.twine.web.http;

/**
 * What a {@link RequestParser} reads from a connection, in this order for each request: one
 * {@link RequestHead}, any number of {@link Content} pieces, one {@link MessageEnd}.
 *
 * <pre>{@code
 * switch (event) {
 *   case RequestHead head -> startRequest(head);
 *   case Content content -> bodyReceived(content.data());
 *   case MessageEnd end -> requestDone(end.trailers());
 * }
 * }</pre>
 */
public sealed interface RequestEvent permits RequestHead, BodyEvent {}
