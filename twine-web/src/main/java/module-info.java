/**
 * Twine's web: the HTTP/1.1 codec shared by server and client ({@code dev.twine.web.http}), the
 * server's {@code Site}, {@code Resource} tree and {@code Request} ({@code dev.twine.web}), the
 * HTTP client ({@code dev.twine.web.client}), and WebSocket with permessage-deflate ({@code
 * dev.twine.web.websocket}). Jackson is optional: only the JSON helpers need it.
 */
module dev.twine.web {
  requires transitive dev.twine.core;
  requires static transitive org.jspecify;
  requires static com.fasterxml.jackson.databind;

  exports dev.twine.web;
  exports dev.twine.web.client;
  exports dev.twine.web.files;
  exports dev.twine.web.http;
  exports dev.twine.web.websocket;
}
