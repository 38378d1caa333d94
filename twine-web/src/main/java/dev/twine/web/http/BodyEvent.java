package dev.twine.web.http;

/** The part of a message that follows its head, the same for requests and responses. */
public sealed interface BodyEvent extends RequestEvent, ResponseEvent permits Content, MessageEnd {}
