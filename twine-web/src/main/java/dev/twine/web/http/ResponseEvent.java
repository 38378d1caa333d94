package dev.twine.web.http;

/**
 * What a {@link ResponseParser} reads from a connection, in this order for each response: one
 * {@link ResponseHead}, any number of {@link Content} pieces, one {@link MessageEnd}. An
 * interim (1xx) response is a head and an end with nothing between, followed by the next
 * response to the same request.
 */
public sealed interface ResponseEvent permits ResponseHead, BodyEvent {}
