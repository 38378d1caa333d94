/**
 * Twine's web: the HTTP/1.1 codec shared by server and client ({@code dev.twine.web.http}).
 */
module dev.twine.web {
  requires transitive dev.twine.core;
  requires static transitive org.jspecify;

  exports dev.twine.web.client;
  exports dev.twine.web.http;
}
