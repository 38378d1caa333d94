/**
 * Twine's web: the HTTP/1.1 codec shared by server and client ({@code dev.twine.web.http}) and
 * the server's {@code Site}, {@code Resource} tree and {@code Request} ({@code dev.twine.web}).
 */
module dev.twine.web {
  requires transitive dev.twine.core;
  requires static transitive org.jspecify;

  exports dev.twine.web;
  exports dev.twine.web.http;
}
